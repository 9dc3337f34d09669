"""MinHash signatures of articles and their LSH band keys (near duplicates SimHash misses)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 11:00:00

Existing articles are backfilled here, in batches: their signature and band
keys are computed from the stored (already cleaned) body with the code of
this release, so a republication of an old article is caught too.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
    op.create_table(
        "article_lsh_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band_key", "article_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_article_lsh_bands_article_id", "article_lsh_bands", ["article_id"])
    _backfill()


def _backfill() -> None:
    from bot.ingest.minhash import band_keys, signature

    connection = op.get_bind()
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("body", sa.Text),
                        sa.column("minhash", sa.LargeBinary))
    bands = sa.table("article_lsh_bands", sa.column("band_key", sa.BigInteger), sa.column("article_id", sa.Integer))
    last = 0
    while True:
        rows = connection.execute(sa.select(articles.c.id, articles.c.body).where(articles.c.id > last)
                                  .order_by(articles.c.id).limit(BATCH)).all()
        if not rows:
            return
        signatures, band_rows = [], []
        for article_id, body in rows:
            sig = signature(body or "")
            signatures.append({"article": article_id, "signature": sig or None})
            band_rows += [{"band_key": key, "article_id": article_id} for key in set(band_keys(sig))]
        connection.execute(articles.update().where(articles.c.id == sa.bindparam("article"))
                           .values(minhash=sa.bindparam("signature")), signatures)
        if band_rows:
            connection.execute(bands.insert(), band_rows)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_article_lsh_bands_article_id", table_name="article_lsh_bands")
    op.drop_table("article_lsh_bands")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("minhash")
