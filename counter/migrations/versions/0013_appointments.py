"""journey: appointments and predicted waits

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0013
Revises: 0012
"""
from alembic import op  # noqa: F401


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
