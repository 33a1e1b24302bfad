-- Built after the bulk insert (faster than maintaining them row by row).
-- No slice index on (track_id, depth, ts): slice_pack is that copy, and it is what the timeline
-- reads; ids follow (track_id, ts), so a track's slices are one rowid range anyway.
CREATE INDEX slice_name ON slice(name_id);
CREATE INDEX flow_out ON flow(slice_out);
CREATE INDEX flow_in ON flow(slice_in);
CREATE INDEX counter_track_ts ON counter(track_id, ts);
CREATE INDEX instant_track_ts ON instant(track_id, ts);
