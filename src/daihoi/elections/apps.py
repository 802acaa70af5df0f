from __future__ import annotations

from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = "Bầu cử"

    def ready(self) -> None:
        from daihoi.congresses import panels, results
        from daihoi.elections import projector
        from daihoi.elections import results as election_results
        from daihoi.elections.open_votes import projector_panel as open_vote_panel

        panels.register_elections_panel(
            panels.Panel(
                render=projector.render_panel,
                stylesheet=projector.STYLESHEET,
                count=projector.elections_count,
            )
        )
        results.register_results(election_results.SOURCE)
        panels.register_live_vote(open_vote_panel)
