"""journey: arrivals (到证登记), the notices outbox, delivery by post (邮寄), follow-ups of bad ratings

journey_settings: the station's SMS gateway, postage, days before an item counts as uncollected,
working days to answer a bad rating. arrivals: one row per arrived item. notices: the SMS outbox
(queued/sending/sent/failed/cancelled, attempts, next try, last error). deliveries: the checked
address (GB/T 2260 district + street), postage, tracking number. followups: one case per
不满意/非常不满意 rating.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('journey_settings',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('sms_gateway', sa.String(length=8), nullable=False),
    sa.Column('sms_url', sa.String(length=300), nullable=False),
    sa.Column('sms_token', sa.String(length=200), nullable=False),
    sa.Column('sms_signature', sa.String(length=32), nullable=False),
    sa.Column('postage', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('uncollected_days', sa.Integer(), nullable=False),
    sa.Column('followup_working_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_journey_settings_station_id_stations')),
    sa.PrimaryKeyConstraint('station_id', name=op.f('pk_journey_settings'))
    )
    op.create_table('arrivals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('receipt_number', sa.String(length=20), nullable=False),
    sa.Column('arrived_on', sa.Date(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=True),
    sa.Column('batch', sa.String(length=36), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_arrivals_clerk_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_arrivals_item_id_items')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_arrivals_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrivals')),
    sa.UniqueConstraint('item_id', name=op.f('uq_arrivals_item_id'))
    )
    with op.batch_alter_table('arrivals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrivals_station_id'), ['station_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('division_code', sa.String(length=6), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('postage', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('tracking_number', sa.String(length=40), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('clerk_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_deliveries_clerk_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_deliveries_item_id_items')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_deliveries_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('item_id', name=op.f('uq_deliveries_item_id'))
    )
    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('citizen_said', sa.Text(), nullable=True),
    sa.Column('changes', sa.Text(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_followups_assignee_id_users')),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_followups_closed_by_users')),
    sa.ForeignKeyConstraint(['rating_id'], ['ratings.id'], name=op.f('fk_followups_rating_id_ratings')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_followups_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups')),
    sa.UniqueConstraint('rating_id', name=op.f('uq_followups_rating_id'))
    )
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followups_station_id'), ['station_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_try_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('gateway_id', sa.String(length=64), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_notices_item_id_items')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_notices_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index('ix_notices_due', ['status', 'next_try_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_item_id'), ['item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_item_id'))
        batch_op.drop_index('ix_notices_due')

    op.drop_table('notices')
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followups_station_id'))

    op.drop_table('followups')
    op.drop_table('deliveries')
    with op.batch_alter_table('arrivals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrivals_station_id'))

    op.drop_table('arrivals')
    op.drop_table('journey_settings')
