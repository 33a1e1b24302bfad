-- Built after the bulk insert (faster than maintaining them row by row).
CREATE INDEX slice_track_depth_ts ON slice(track_id, depth, ts, dur, name_id);
CREATE INDEX slice_name ON slice(name_id);
CREATE INDEX flow_out ON flow(slice_out);
CREATE INDEX flow_in ON flow(slice_in);
CREATE INDEX counter_track_ts ON counter(track_id, ts);
CREATE INDEX instant_track_ts ON instant(track_id, ts);
