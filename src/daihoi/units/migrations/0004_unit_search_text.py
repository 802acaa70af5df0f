"""Units get an accent-free search text (name, short name, code), filled for the existing ones."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

from daihoi.rules.names import fold

BATCH = 2_000


def fill(apps: Any, schema_editor: Any) -> None:
    unit_model = apps.get_model("units", "Unit")
    batch = []
    for unit in unit_model.objects.only("name", "short_name", "code").iterator(BATCH):
        parts = (unit.name, unit.short_name, unit.code)
        unit.search_text = fold(" ".join(part for part in parts if part))
        batch.append(unit)
        if len(batch) == BATCH:
            unit_model.objects.bulk_update(batch, ["search_text"])
            batch = []
    unit_model.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("units", "0003_member_search_trigram_index")]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="search_text",
            field=models.CharField(db_default="", default="", editable=False, max_length=500),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
