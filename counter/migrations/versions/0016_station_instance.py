"""station instance: a random number that tells this database's station from a recreated one

stations.instance_token: set once, the first time a terminal keeps something outside the database
that belongs to it (the manager's day cache, counter/day_cache.py); a recreated or restored-from-
elsewhere database has another one or none. NULL until then.

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('instance_token', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.drop_column('instance_token')
