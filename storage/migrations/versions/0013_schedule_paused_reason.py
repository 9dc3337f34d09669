"""schedules: why a schedule is paused ('admin' | 'rights'), so a lost right's pause can end by itself

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-05 10:40:00

Schedules paused before this revision are marked 'admin': the old pause did not say who paused,
and an admin's pause must never end by itself, so they stay paused until someone resumes them
(as the old notice told the admins to do).
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = "0012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_reason", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    op.execute("UPDATE schedules SET paused_reason = 'admin' WHERE paused")


def downgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_column("paused_reason")
