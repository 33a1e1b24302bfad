-- Built once memscope_event is complete (MemScopeWriter::finish): the order the pairing reads
-- MALLOC and FREE rows in (time, ties by the file's ID); partial, so it costs nothing for the
-- other events. The views read the block table whole, so it needs none yet.
CREATE INDEX IF NOT EXISTS memscope_event_pairing ON memscope_event(ts, row_id, id)
    WHERE kind IN (1, 2);
