"""Outbox payloads stored once per distinct text and buttons, not once per recipient

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 11:00:00

Each `deliveries` row held its push's payload, about 2 KB for a digest: a
digest to 100,000 chats stored it 100,000 times, and the sender rewrote each
2 KB row twice (claimed, then recorded). Payloads now live in
`delivery_payloads`, one row per distinct payload (keyed by the sha256 of its
canonical JSON), and each delivery refers to one. Existing rows are moved here,
CHUNK at a time; the downgrade copies every payload back into its rows.
"""
import hashlib
import json
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

import storage.types

revision: str = "0021"
down_revision: Union[str, Sequence[str], None] = "0020"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHUNK = 5000
DELIVERIES = sa.table("deliveries", sa.column("id", sa.BigInteger), sa.column("payload", sa.JSON),
                      sa.column("payload_id", sa.BigInteger), sa.column("created_at", storage.types.UTCDateTime))
PAYLOADS = sa.table("delivery_payloads", sa.column("id", sa.BigInteger), sa.column("digest", sa.String),
                    sa.column("payload", sa.JSON), sa.column("created_at", storage.types.UTCDateTime))


def _digest(payload) -> str:
    """As storage.deliveries.payload_digest when this was written: equal payloads, one row."""
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def upgrade() -> None:
    op.create_table(
        "delivery_payloads",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload_id", sa.BigInteger(), nullable=True))
    _move_payloads_out()
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.alter_column("payload_id", existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_foreign_key("fk_deliveries_payload_id", "delivery_payloads", ["payload_id"], ["id"])
        batch_op.drop_column("payload")


def _move_payloads_out() -> None:
    connection = op.get_bind()
    insert = (postgresql if connection.dialect.name == "postgresql" else sqlite).insert(PAYLOADS)
    insert = insert.on_conflict_do_nothing(index_elements=["digest"])
    d, p = DELIVERIES.c, PAYLOADS.c
    after = 0
    while True:
        rows = connection.execute(sa.select(d.id, d.payload, d.created_at).where(d.id > after)
                                  .order_by(d.id).limit(CHUNK)).all()
        if not rows:
            return
        after = rows[-1].id
        by_digest, ids_of = {}, {}
        for row in rows:
            digest = _digest(row.payload)
            by_digest.setdefault(digest, (row.payload, row.created_at))
            ids_of.setdefault(digest, []).append(row.id)
        connection.execute(insert, [{"digest": digest, "payload": payload, "created_at": created_at}
                                    for digest, (payload, created_at) in by_digest.items()])
        stored = dict(connection.execute(sa.select(p.digest, p.id).where(p.digest.in_(list(by_digest)))).all())
        alone = []
        for digest, ids in ids_of.items():
            if len(ids) > 1:  # a fan-out's rows: one statement for the chunk
                connection.execute(sa.update(DELIVERIES).where(d.id.in_(ids)).values(payload_id=stored[digest]))
            else:
                alone.append({"row_id": ids[0], "to": stored[digest]})
        if alone:  # rows with payloads of their own: one executemany
            connection.execute(sa.update(DELIVERIES).where(d.id == sa.bindparam("row_id"))
                               .values(payload_id=sa.bindparam("to")), alone)


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.JSON(), nullable=True))
    d, p = DELIVERIES.c, PAYLOADS.c
    op.execute(sa.update(DELIVERIES).values(payload=sa.select(p.payload).where(p.id == d.payload_id)
                                            .scalar_subquery()))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.alter_column("payload", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_constraint("fk_deliveries_payload_id", type_="foreignkey")
        batch_op.drop_column("payload_id")
    op.drop_table("delivery_payloads")
