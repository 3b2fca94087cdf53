"""hall settings: what every terminal of a hall shares, one row per station

hall_settings: the queue's priority streak limit, appointment grace and capacity, the manager's
targets, and what every receipt says (complaints phone, days to bring missing materials, rating
address, pick-up place). Every column NULL: not set for the hall, each terminal keeps using its
own settings.toml (counter.hall_settings); no row is written here, the first save stores them.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hall_settings',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('priority_streak_limit', sa.Integer(), nullable=True),
    sa.Column('appointment_grace_minutes', sa.Integer(), nullable=True),
    sa.Column('appointment_capacity', sa.String(length=64), nullable=True),
    sa.Column('service_level_minutes', sa.Integer(), nullable=True),
    sa.Column('service_level_target_percent', sa.Integer(), nullable=True),
    sa.Column('hall_time_target_minutes', sa.Integer(), nullable=True),
    sa.Column('satisfaction_target_percent', sa.Integer(), nullable=True),
    sa.Column('complaints_phone', sa.String(length=32), nullable=True),
    sa.Column('missing_materials_days', sa.Integer(), nullable=True),
    sa.Column('rating_url', sa.String(length=300), nullable=True),
    sa.Column('pickup_place', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_hall_settings_station_id_stations')),
    sa.PrimaryKeyConstraint('station_id', name=op.f('pk_hall_settings'))
    )


def downgrade() -> None:
    op.drop_table('hall_settings')
