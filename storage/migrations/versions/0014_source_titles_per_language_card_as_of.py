"""dossier: source titles in each reader's language, the date a topic card speaks for

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-05 10:00:00

Rows seeded before this revision get both on the next `briefbot seed` (their
seed hash changes); until then, and for maintainers' sources, readers see the
original title and no "as of" line.
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: Union[str, Sequence[str], None] = "0013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_ru", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        batch_op.add_column(sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("as_of", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_column("as_of")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("title_en")
        batch_op.drop_column("title_ru")
