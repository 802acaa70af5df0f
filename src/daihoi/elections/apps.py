from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks


def check_ballot_group(app_configs: Any = None, **kwargs: Any) -> list[checks.Warning]:
    """The encrypted phone vote keys its rounds in ristretto255, from the system's libsodium
    (package libsodium23): without it the key ceremony and the phones' encrypted ballots cannot
    work, everything else does (a warning at every start, not an error). Its verifications run
    on libdecaf (package libdecaf0): without it they are right but slower (a warning too)."""
    from daihoi.elections.crypto_group import (
        MSG_NO_LIBDECAF,
        SodiumMissing,
        has_libdecaf,
        ristretto255,
    )

    try:
        ristretto255()
    except SodiumMissing as error:
        return [checks.Warning(str(error), id="daihoi.W002")]
    if not has_libdecaf():
        return [checks.Warning(MSG_NO_LIBDECAF, id="daihoi.W003")]
    return []


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
        checks.register(check_ballot_group)
