"""visits: how the applicant's identity was taken (typed, ID card reader, wedge) and whether the card had expired

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity_source', sa.String(length=8), server_default='typed', nullable=False))
        batch_op.add_column(sa.Column('card_expired', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_column('card_expired')
        batch_op.drop_column('identity_source')
