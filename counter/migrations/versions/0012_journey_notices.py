"""journey: arrivals, notices outbox, delivery, follow-ups

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0012
Revises: 0011
"""
from alembic import op  # noqa: F401


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
