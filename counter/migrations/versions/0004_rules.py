"""rules: columns the legal rules need on items and visits

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0004
Revises: 0003
"""
from alembic import op  # noqa: F401


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
