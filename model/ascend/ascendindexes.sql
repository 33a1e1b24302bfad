-- Built once the Ascend tables are complete (AscendWriter::finish), not kept while rows arrive.
CREATE INDEX IF NOT EXISTS device_task_match ON device_task(device, stream, task_id, ts);
CREATE INDEX IF NOT EXISTS mem_record_series ON mem_record(device, component_id, ts);
CREATE INDEX IF NOT EXISTS op_memory_alloc ON op_memory(device, alloc_ts);
