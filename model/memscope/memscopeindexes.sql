-- Built once memscope_event is complete (MemScopeWriter::finish). The first is the order the
-- pairing reads MALLOC and FREE rows in (time, ties by the file's ID); partial, so it costs
-- nothing for the other events.
CREATE INDEX IF NOT EXISTS memscope_event_pairing ON memscope_event(ts, row_id, id)
    WHERE kind IN (1, 2);
CREATE INDEX IF NOT EXISTS memscope_event_time ON memscope_event(ts);
CREATE INDEX IF NOT EXISTS memscope_block_alloc ON memscope_block(device, type_id, alloc_ts);
