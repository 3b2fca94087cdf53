"""kiosk: receipt query codes (hashed) and proof for ratings

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0006
Revises: 0005
"""
from alembic import op  # noqa: F401


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
