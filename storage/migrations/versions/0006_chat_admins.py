"""chat_admins: who administers which linked group or channel, with status and last verification

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 07:56:12.642599

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel types)
import storage.types  # noqa: F401  (and our column types)


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('chat_admins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('linked_via', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('verified_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checked_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chat_id'], ['chats.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chat_id', 'user_id')
    )
    with op.batch_alter_table('chat_admins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_admins_chat_id'), ['chat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_admins_checked_at'), ['checked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_admins_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('chat_admins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_admins_user_id'))
        batch_op.drop_index(batch_op.f('ix_chat_admins_checked_at'))
        batch_op.drop_index(batch_op.f('ix_chat_admins_chat_id'))

    op.drop_table('chat_admins')
