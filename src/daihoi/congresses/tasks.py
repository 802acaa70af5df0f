"""Delegate cards for a long list, laid out by the background worker."""

from __future__ import annotations

from django.tasks import task


@task()
def make_cards(batch_id: int) -> None:
    """Make the PDF of a batch of delegate cards (congresses.cards.build_cards)."""
    from daihoi.congresses import cards

    cards.build_cards(batch_id)
