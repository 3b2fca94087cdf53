"""audit: anchors and write-once triggers on audit_log

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0005
Revises: 0004
"""
from alembic import op  # noqa: F401


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
