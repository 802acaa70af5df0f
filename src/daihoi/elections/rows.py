"""Model instances read by one raw query on the phone's hot paths (bench/bench_phone_vote.py).

Every phone request reads its delegate from the voter session, and every ballot request its
round with the election. ``Manager.raw`` works out the columns' order and the fields'
converters again at each query (about 0.2 ms of a 9 ms cast) and gives one model a query, so
the round and its election were two. Here a model's columns and converters are worked out once
per database connection, and one row holds several models (``read``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model


@dataclass(frozen=True)
class _Shape:
    """A model's concrete fields as a query selects them: their names, and each converter
    chain with the column it converts (``SQLCompiler.get_converters``'s, in its order)."""

    attnames: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]


#: Per connection (this thread's: the converters are its backend's), per model.
_SHAPES: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[type[Model], _Shape]] = (
    weakref.WeakKeyDictionary()
)


def _shape(db: BaseDatabaseWrapper, model: type[Model]) -> _Shape:
    known = _SHAPES.get(db)
    if known is None:  # once per connection: setdefault would make a weak reference each call
        known = _SHAPES[db] = {}
    shape = known.get(model)
    if shape is None:
        converters = []
        fields = model._meta.concrete_fields
        for i, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            chain = db.ops.get_db_converters(column) + column.get_db_converters(db)
            if chain:
                converters.append((i, tuple(chain), column))
        attnames = tuple(f.attname for f in fields)
        shape = known[model] = _Shape(attnames=attnames, converters=tuple(converters))
    return shape


def columns(model: type[Model], alias: str) -> str:
    """The SELECT list of ``model``'s concrete fields from the table named ``alias``, in the
    order ``read`` expects."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


def read(sql: str, params: Sequence[Any], models: Sequence[type[Model]]) -> list[Model] | None:
    """The first row of ``sql`` (whose SELECT list is ``columns`` of each of ``models`` in
    turn) as one instance of each model, loaded from the database; None without a row."""
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    found: list[Model] = []
    start = 0
    for model in models:
        shape = _shape(db, model)
        width = len(shape.attnames)
        values = list(row[start : start + width])
        for i, chain, column in shape.converters:
            for convert in chain:
                values[i] = convert(values[i], column, db)
        found.append(model.from_db(db.alias, shape.attnames, values))
        start += width
    return found
