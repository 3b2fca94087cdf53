"""rules: columns the legal rules need on items and visits

items.amounts: the fine and its computed late surcharge, stored as separate lines apart from the
fee (罚缴分离); stations.fee_settings: the station's own amounts for fees the catalogue marks as
a station setting (e.g. the household booklet reissue charge).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amounts', sa.JSON(), nullable=True))
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fee_settings', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.drop_column('fee_settings')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_column('amounts')
