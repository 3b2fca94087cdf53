"""structure: reserved for the refactor

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0011
Revises: 0010
"""
from alembic import op  # noqa: F401


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
