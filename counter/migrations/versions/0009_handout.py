"""procedures: hand-out (领证) links a collection to the item it hands out

Reserved in the chain so that parallel work does not fork it; filled in by the change that needs it.

Revision ID: 0009
Revises: 0008
"""
from alembic import op  # noqa: F401


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
