"""receipt: responsible officer, badge numbers, pick-up details on the receipt

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0008
Revises: 0007
"""
from alembic import op  # noqa: F401


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
