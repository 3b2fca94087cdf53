"""receipt: responsible officer, badge numbers, pick-up details on the receipt

Users get a badge number (警号, or the auxiliary's number), an auxiliary flag and the officer
responsible for an auxiliary: an auxiliary (辅警) may accept but not decide, so the receipt names
the responsible officer and badge (S1 art 7). Pick-up method and postal address are already
stored in each item's values; the pick-up place is a station setting (`pickup_place`).

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_number', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('auxiliary', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('responsible_officer_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_users_responsible_officer_id_users', 'users',
                                    ['responsible_officer_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('fk_users_responsible_officer_id_users', type_='foreignkey')
        batch_op.drop_column('responsible_officer_id')
        batch_op.drop_column('auxiliary')
        batch_op.drop_column('badge_number')
