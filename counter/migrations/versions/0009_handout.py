"""procedures: hand-out (领证) links a collection to the item it hands out

One row per item handed out: who collected it (name, ID number), whether a relative collected it
for the applicant (by_proxy, relation), the hand-out visit, the clerk and the time.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('collections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('handout_visit_id', sa.Integer(), nullable=False),
    sa.Column('collector_name', sa.String(length=64), nullable=False),
    sa.Column('collector_id_number', sa.String(length=18), nullable=False),
    sa.Column('by_proxy', sa.Boolean(), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=True),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('collected_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_collections_station_id_stations')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_collections_item_id_items')),
    sa.ForeignKeyConstraint(['handout_visit_id'], ['visits.id'], name=op.f('fk_collections_handout_visit_id_visits')),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_collections_clerk_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collections')),
    sa.UniqueConstraint('item_id', name=op.f('uq_collections_item_id'))
    )
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collections_handout_visit_id'), ['handout_visit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collections_handout_visit_id'))
    op.drop_table('collections')
