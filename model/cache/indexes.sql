-- Built by CacheWriter::finish() once the flow table is complete: its rows arrive in id order, so
-- keeping these as rows arrive would insert all over each index, while SQLite's sorter builds
-- each in one sorted pass. (The counter and instant indexes, whose rows arrive nearly in key
-- order, are kept from the start instead: see schema.sql.)
-- No slice index on (track_id, depth, ts): slice_pack is that copy, and it is what the timeline
-- reads; ids follow (track_id, ts), so a track's slices are one rowid range anyway.
-- No slice index on name_id either: search runs over the names and slices the timeline holds
-- in memory (model/timeline/slicesearch.h). Caches written before still carry `slice_name`;
-- nothing reads it, and an extra index costs them nothing, so the schema version stays.
CREATE INDEX flow_out ON flow(slice_out);
CREATE INDEX flow_in ON flow(slice_in);
