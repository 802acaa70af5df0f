"""Certificates of a long decision, laid out by the background worker."""

from __future__ import annotations

from django.tasks import task


@task()
def make_certificates(batch_id: int) -> None:
    """Make the PDF of a decision's certificates (emulation.certificates.build_certificates)."""
    from daihoi.emulation import certificates

    certificates.build_certificates(batch_id)
