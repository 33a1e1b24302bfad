<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AscendMemory</name>
    <message>
        <source>operators</source>
        <translation>算子</translation>
    </message>
</context>
<context>
    <name>DeviceTaskMatch</name>
    <message>
        <source>Kernel · %1</source>
        <translation>Kernel · %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Accelerator Core</source>
        <translation>加速器核</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>process events</source>
        <translation>进程事件</translation>
    </message>
    <message>
        <source>global events</source>
        <translation>全局事件</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>RankOutcome</name>
    <message>
        <source>Rank %1</source>
        <translation>Rank %1</translation>
    </message>
    <message>
        <source>Rank ? (%1)</source>
        <translation>Rank ?（%1）</translation>
    </message>
    <message>
        <source>%1 · NPU %2</source>
        <translation>%1 · NPU %2</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Open a file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open a folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Close the current tab</source>
        <translation>关闭当前标签页</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Zoom in / out at the mouse</source>
        <translation>以鼠标为中心放大 / 缩小</translation>
    </message>
    <message>
        <source>Ctrl+Wheel</source>
        <translation>Ctrl+滚轮</translation>
    </message>
    <message>
        <source>Zoom at the mouse</source>
        <translation>以鼠标为中心缩放</translation>
    </message>
    <message>
        <source>Pan left / right</source>
        <translation>向左 / 向右平移</translation>
    </message>
    <message>
        <source>Drag, Shift+Wheel</source>
        <translation>拖动、Shift+滚轮</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>滚轮</translation>
    </message>
    <message>
        <source>Scroll the tracks</source>
        <translation>滚动泳道</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>单击</translation>
    </message>
    <message>
        <source>Select a slice: details below (args, self time, flows in and out)</source>
        <translation>选中切片：下方显示详情（参数、自身耗时、流入和流出的连线）</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Zoom to the slice; on a flow in the details, jump to its other end</source>
        <translation>缩放到该切片；在详情中的连线上双击则跳到其另一端</translation>
    </message>
    <message>
        <source>Shift+Drag</source>
        <translation>Shift+拖动</translation>
    </message>
    <message>
        <source>Select a time range: its slices grouped by name, sortable</source>
        <translation>框选时间范围：其中的切片按名称分组，可排序</translation>
    </message>
    <message>
        <source>Fit the selection</source>
        <translation>适配选中内容</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Back to the previous zoom</source>
        <translation>回到上一次缩放</translation>
    </message>
    <message>
        <source>Drop a flag at the selection (or the mouse)</source>
        <translation>在选中处（或鼠标处）放置标记</translation>
    </message>
    <message>
        <source>Find slices by name</source>
        <translation>按名称查找切片</translation>
    </message>
    <message>
        <source>Next / previous match</source>
        <translation>下一个 / 上一个匹配</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>清除选中</translation>
    </message>
    <message>
        <source>Memory chart</source>
        <translation>内存图</translation>
    </message>
    <message>
        <source>Wheel, W / S</source>
        <translation>滚轮、W / S</translation>
    </message>
    <message>
        <source>Zoom time around the cursor</source>
        <translation>以光标为中心缩放时间</translation>
    </message>
    <message>
        <source>Zoom bytes around the cursor</source>
        <translation>以光标为中心缩放字节</translation>
    </message>
    <message>
        <source>Drag, Shift+Wheel, A / D</source>
        <translation>拖动、Shift+滚轮、A / D</translation>
    </message>
    <message>
        <source>Double-click, 0</source>
        <translation>双击、0</translation>
    </message>
    <message>
        <source>Pick that moment (and the allocation under the cursor)</source>
        <translation>选定该时刻（及光标下的内存分配）</translation>
    </message>
    <message>
        <source>Allocator state</source>
        <translation>分配器状态</translation>
    </message>
    <message>
        <source>Step one allocator event back / forward</source>
        <translation>后退 / 前进一个分配器事件</translation>
    </message>
    <message>
        <source>Step 100 allocator events back / forward</source>
        <translation>后退 / 前进 100 个分配器事件</translation>
    </message>
    <message>
        <source>The first / last allocator event</source>
        <translation>第一个 / 最后一个分配器事件</translation>
    </message>
    <message>
        <source>Ctrl+Wheel, + / -</source>
        <translation>Ctrl+滚轮、+ / -</translation>
    </message>
    <message>
        <source>Zoom the segments</source>
        <translation>缩放内存段</translation>
    </message>
</context>
<context>
    <name>StepChart</name>
    <message>
        <source>Computing</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Overlapped</source>
        <translation>被掩盖的通信</translation>
    </message>
    <message>
        <source>Communication not overlapped</source>
        <translation>未被掩盖的通信</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>StepSummary</name>
    <message>
        <source>Trace %1</source>
        <translation>Trace %1</translation>
    </message>
    <message>
        <source>Rank %1</source>
        <translation>Rank %1</translation>
    </message>
</context>
<context>
    <name>TimelineLoader</name>
    <message>
        <source>Process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>Rank %1 · %2</source>
        <translation>Rank %1 · %2</translation>
    </message>
    <message>
        <source>track %1</source>
        <translation>泳道 %1</translation>
    </message>
    <message>
        <source>Global</source>
        <translation>全局</translation>
    </message>
</context>
<context>
    <name>TrackPainter</name>
    <message>
        <source>max %1</source>
        <translation>最大 %1</translation>
    </message>
</context>
<context>
    <name>ts::app::CompareTab</name>
    <message>
        <source>Opening %1 and %2…</source>
        <translation>正在打开 %1 和 %2…</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>%1 holds no msMemScope dump: a dump compares only with a dump</source>
        <translation>%1 不含 msMemScope 转储：转储只能与转储比较</translation>
    </message>
</context>
<context>
    <name>ts::app::DocumentTab</name>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>&lt;h3&gt;This input could not be opened&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;无法打开此输入&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>%1 %2 — %3%</source>
        <translation>%1 %2 — %3%</translation>
    </message>
    <message>
        <source>%1: %2 slices, %3 flows, %4 skipped — %5 in %6 s</source>
        <translation>%1：%2 个切片，%3 条连线，跳过 %4 个 — %6 秒内%5</translation>
    </message>
    <message>
        <source>opened from the cache</source>
        <translation>从缓存打开</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>迭代 %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
</context>
<context>
    <name>ts::app::ImportHandle</name>
    <message>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>Writing the cache</source>
        <translation>正在写入缓存</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ts::app::MainWindow</name>
    <message>
        <source>Ready. Open a trace, or drop a file or folder here.</source>
        <translation>就绪。请打开一个 trace，或将文件或文件夹拖放到此处。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Status Bar</source>
        <translation>状态栏(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Ctrl+/</source>
        <translation>Ctrl+/</translation>
    </message>
    <message>
        <source>&amp;About TraceScope</source>
        <translation>关于 TraceScope(&amp;A)</translation>
    </message>
    <message>
        <source>Open Trace</source>
        <translation>打开 Trace</translation>
    </message>
    <message>
        <source>Profiler output (*.json *.json.gz *.json.zst *.pickle *.pkl *.csv *.db);;All files (*)</source>
        <translation>Profiler 输出 (*.json *.json.gz *.json.zst *.pickle *.pkl *.csv *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Profiling Folder</source>
        <translation>打开性能数据文件夹</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>About TraceScope</source>
        <translation>关于 TraceScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TraceScope %1&lt;/h3&gt;&lt;p&gt;A local viewer for AI profiler output: PyTorch Profiler traces, Ascend profiling folders, CUDA memory snapshots and msMemScope dumps.&lt;/p&gt;&lt;p&gt;Files are parsed in a sandboxed child process; nothing leaves this machine.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TraceScope %1&lt;/h3&gt;&lt;p&gt;本地查看 AI 性能分析工具输出的程序：PyTorch Profiler trace、昇腾性能数据文件夹、CUDA 内存快照和 msMemScope 转储。&lt;/p&gt;&lt;p&gt;文件在沙箱子进程中解析；任何数据都不会离开本机。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>TraceScope opens files and folders on this computer only, and fetches nothing from the network. Download it first, then open the copy:
%1</source>
        <translation>TraceScope 只打开本机上的文件和文件夹，不从网络获取任何内容。请先下载，再打开下载的副本：
%1</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>比较(&amp;M)…</translation>
    </message>
    <message>
        <source>Profiler output (*.json *.json.gz *.json.zst *.db);;All files (*)</source>
        <translation>Profiler 输出 (*.json *.json.gz *.json.zst *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Compare: the Baseline</source>
        <translation>比较：基线</translation>
    </message>
    <message>
        <source>Compare: the Run to Compare with %1</source>
        <translation>比较：与 %1 比较的运行</translation>
    </message>
    <message>
        <source>%1 ↔ %2</source>
        <translation>%1 ↔ %2</translation>
    </message>
    <message>
        <source>Base: %1
New: %2</source>
        <translation>基线：%1
新：%2</translation>
    </message>
</context>
<context>
    <name>ts::app::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>ts::model::MemScopeEventModel</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Timestamp (ns)</source>
        <translation>时间戳（ns）</translation>
    </message>
    <message>
        <source>Ptr</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
</context>
<context>
    <name>ts::views::AllocationRows</name>
    <message>
        <source>before the trace</source>
        <translation>trace 开始前</translation>
    </message>
    <message>
        <source>not live at this moment</source>
        <translation>此刻未存活</translation>
    </message>
    <message>
        <source>allocated before the trace</source>
        <translation>在 trace 开始前分配</translation>
    </message>
    <message>
        <source>never freed</source>
        <translation>从未释放</translation>
    </message>
    <message>
        <source>free requested, not completed</source>
        <translation>已请求释放，未完成</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ts::views::AllocationTable</name>
    <message>
        <source>before the trace</source>
        <translation>trace 开始前</translation>
    </message>
</context>
<context>
    <name>ts::views::AllocatorLegend</name>
    <message>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Pending free (freed, waiting on another stream)</source>
        <translation>待释放（已释放，等待另一条流）</translation>
    </message>
    <message>
        <source>Free (cached in the segment)</source>
        <translation>空闲（缓存在内存段中）</translation>
    </message>
    <message>
        <source>Rounding waste</source>
        <translation>取整浪费</translation>
    </message>
</context>
<context>
    <name>ts::views::AllocatorStateView</name>
    <message>
        <source>Allocated and pending free count the bytes the program asked for; rounding waste is what the allocator added to them. Fragmentation = 1 − largest free block ÷ free bytes: 0% when all free space is one block, near 100% when it is in many small ones (a block never spans segments, so a request larger than the largest free block needs a new cudaMalloc).</source>
        <translation>“已分配”和“待释放”统计的是程序申请的字节数；取整浪费是分配器在此之上多分配的部分。碎片率 = 1 − 最大空闲块 ÷ 空闲字节数：全部空闲空间为一个块时为 0%，分散为许多小块时接近 100%（块不会跨内存段，因此大于最大空闲块的申请需要一次新的 cudaMalloc）。</translation>
    </message>
    <message>
        <source>←/→ one event · PgUp/PgDn 100 · Home/End · Ctrl+wheel zoom</source>
        <translation>←/→ 一个事件 · PgUp/PgDn 100 个 · Home/End · Ctrl+滚轮 缩放</translation>
    </message>
    <message>
        <source>No allocator state to show.</source>
        <translation>没有可显示的分配器状态。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The dump&lt;/b&gt; — this device has no allocator trace to step through</source>
        <translation>&lt;b&gt;转储&lt;/b&gt; — 此设备没有可逐步查看的分配器记录</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before the first event&lt;/b&gt; of %1</source>
        <translation>共 %1，&lt;b&gt;第一个事件之前&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;After event %1&lt;/b&gt; of %2</source>
        <translation>共 %2，&lt;b&gt;事件 %1 之后&lt;/b&gt;</translation>
    </message>
    <message>
        <source>: an entry the import skipped</source>
        <translation>：导入时跳过的条目</translation>
    </message>
    <message>
        <source>: a snapshot marker</source>
        <translation>：快照标记</translation>
    </message>
    <message>
        <source>: &lt;b&gt;oom&lt;/b&gt;, %1 requested</source>
        <translation>：&lt;b&gt;内存不足 (oom)&lt;/b&gt;，申请 %1</translation>
    </message>
    <message>
        <source>: &lt;b&gt;%1&lt;/b&gt; %2 at 0x%3</source>
        <translation>：&lt;b&gt;%1&lt;/b&gt; %2，地址 0x%3</translation>
    </message>
    <message>
        <source> · at %1</source>
        <translation> · 于 %1</translation>
    </message>
    <message>
        <source>Allocated &lt;b&gt;%1&lt;/b&gt; · pending free %2 · reserved &lt;b&gt;%3&lt;/b&gt; in %4 segments · free %5, largest block %6 · fragmentation &lt;b&gt;%7&lt;/b&gt; · rounding waste %8</source>
        <translation>已分配 &lt;b&gt;%1&lt;/b&gt; · 待释放 %2 · 预留 &lt;b&gt;%3&lt;/b&gt;（%4 个内存段）· 空闲 %5，最大块 %6 · 碎片率 &lt;b&gt;%7&lt;/b&gt; · 取整浪费 %8</translation>
    </message>
    <message>
        <source>Waste is exact for blocks the dump holds; for the others it is at least the allocator&apos;s 512-byte rounding of the request (marked ≥).</source>
        <translation>对转储中包含的块，浪费是精确值；对其他块，浪费至少为分配器将申请按 512 字节取整的部分（标为 ≥）。</translation>
    </message>
    <message>
        <source>⚠ Blocks outside every segment known at this moment: %1 (dashed bars).</source>
        <translation>⚠ 位于此刻所有已知内存段之外的块：%1（虚线条）。</translation>
    </message>
    <message>
        <source>⚠ Blocks overlapping another: %1 (the trace and the dump disagree).</source>
        <translation>⚠ 与其他块重叠的块：%1（trace 与转储不一致）。</translation>
    </message>
</context>
<context>
    <name>ts::views::CommHeatMap</name>
    <message>
        <source>receiving rank →</source>
        <translation>接收 Rank →</translation>
    </message>
    <message>
        <source>No communication matrix for this selection</source>
        <translation>此选择没有通信矩阵</translation>
    </message>
    <message>
        <source>sending rank →</source>
        <translation>发送 Rank →</translation>
    </message>
    <message>
        <source>Rank %1 → rank %2 (%3)
Size %4 MB · time %5 ms · %6 GB/s</source>
        <translation>Rank %1 → Rank %2（%3）
大小 %4 MB · 时间 %5 ms · %6 GB/s</translation>
    </message>
</context>
<context>
    <name>ts::views::CommLinkTableModel</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Link type</source>
        <translation>链路类型</translation>
    </message>
    <message>
        <source>Transit size (MB)</source>
        <translation>传输大小 (MB)</translation>
    </message>
    <message>
        <source>Transit time (ms)</source>
        <translation>传输时间 (ms)</translation>
    </message>
    <message>
        <source>Bandwidth (GB/s)</source>
        <translation>带宽 (GB/s)</translation>
    </message>
</context>
<context>
    <name>ts::views::CommOpTableModel</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Communication operator</source>
        <translation>通信算子</translation>
    </message>
    <message>
        <source>Elapse (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>Transit (ms)</source>
        <translation>传输 (ms)</translation>
    </message>
    <message>
        <source>Wait (ms)</source>
        <translation>等待 (ms)</translation>
    </message>
    <message>
        <source>Synchronisation (ms)</source>
        <translation>同步 (ms)</translation>
    </message>
    <message>
        <source>Idle (ms)</source>
        <translation>空闲 (ms)</translation>
    </message>
    <message>
        <source>Wait ratio</source>
        <translation>等待比例</translation>
    </message>
    <message>
        <source>Synchronisation ratio</source>
        <translation>同步比例</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>通信域</translation>
    </message>
</context>
<context>
    <name>ts::views::CommunicationView</name>
    <message>
        <source>The step whose communication is shown</source>
        <translation>显示其通信数据的迭代</translation>
    </message>
    <message>
        <source>Filter operators by name</source>
        <translation>按名称筛选算子</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as CSV (Ctrl+C)</source>
        <translation>将选中的行复制为 CSV (Ctrl+C)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Reading the communication data…</source>
        <translation>正在读取通信数据…</translation>
    </message>
    <message>
        <source>The operator whose matrix is shown</source>
        <translation>显示其通信矩阵的算子</translation>
    </message>
    <message>
        <source>Bandwidth (GB/s)</source>
        <translation>带宽 (GB/s)</translation>
    </message>
    <message>
        <source>Transit size (MB)</source>
        <translation>传输大小 (MB)</translation>
    </message>
    <message>
        <source>Transit time (ms)</source>
        <translation>传输时间 (ms)</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>迭代：</translation>
    </message>
    <message>
        <source>Communication matrix</source>
        <translation>通信矩阵</translation>
    </message>
    <message>
        <source>Bandwidth per link type</source>
        <translation>各链路类型的带宽</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>全部迭代</translation>
    </message>
    <message>
        <source>Totals of every operator</source>
        <translation>全部算子合计</translation>
    </message>
    <message numerus="yes">
        <source>%n communication operator(s) on %1 rank(s)</source>
        <translation>
            <numerusform>%1 个 Rank 上的 %n 个通信算子</numerusform>
        </translation>
    </message>
    <message>
        <source>slowest rank: %1 (the others wait for it: it waits %2 ms in all, rank %3 waits %4 ms)</source>
        <translation>最慢 Rank：%1（其他 Rank 在等待它：它共等待 %2 ms，Rank %3 等待 %4 ms）</translation>
    </message>
    <message>
        <source>one rank: no slowest rank to name</source>
        <translation>仅一个 Rank：无最慢 Rank</translation>
    </message>
    <message>
        <source>slowest link: rank %1 → rank %2 over %3, %4 GB/s</source>
        <translation>最慢链路：Rank %1 → Rank %2，经 %3，%4 GB/s</translation>
    </message>
    <message>
        <source>slowest link: %1 of rank %2, %3 GB/s</source>
        <translation>最慢链路：Rank %2 的 %1，%3 GB/s</translation>
    </message>
    <message>
        <source>not read: %1</source>
        <translation>未读取：%1</translation>
    </message>
    <message>
        <source>Export Communication</source>
        <translation>导出通信数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ts::views::CompareTableModel</name>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Count (base)</source>
        <translation>次数（基线）</translation>
    </message>
    <message>
        <source>Count (new)</source>
        <translation>次数（新）</translation>
    </message>
    <message>
        <source>Total (base)</source>
        <translation>总耗时（基线）</translation>
    </message>
    <message>
        <source>Total (new)</source>
        <translation>总耗时（新）</translation>
    </message>
    <message>
        <source>Δ Total</source>
        <translation>Δ 总耗时</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>ts::views::CompareView</name>
    <message>
        <source>Filter operators by name</source>
        <translation>按名称筛选算子</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Base: %1   ·   New: %2   ·   Δ = new − base</source>
        <translation>基线：%1   ·   新：%2   ·   Δ = 新 − 基线</translation>
    </message>
    <message>
        <source>%1 of %2 operators</source>
        <translation>%2 个算子中的 %1 个</translation>
    </message>
    <message>
        <source>Export Comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ts::views::DetailsPane</name>
    <message>
        <source>Argument</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>另一端</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Double-click a flow to jump to its other end</source>
        <translation>双击连线可跳到其另一端</translation>
    </message>
    <message>
        <source>&lt;i&gt;Click a slice to see its details; Shift-drag to summarise a range.&lt;/i&gt;</source>
        <translation>&lt;i&gt;单击切片查看详情；Shift+拖动可汇总一个时间范围。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Self time</source>
        <translation>自身耗时</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ 流出</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← 流入</translation>
    </message>
</context>
<context>
    <name>ts::views::FlagsPanel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>M drops a flag at the selection or the mouse. Double-click a time to jump to it, a name to rename it.</source>
        <translation>按 M 在选中处或鼠标处放置标记。双击时间可跳转到该处，双击名称可重命名。</translation>
    </message>
</context>
<context>
    <name>ts::views::MemScopeCompareModel</name>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 字节</translation>
    </message>
    <message>
        <source>Blocks live at the peak</source>
        <translation>峰值时存活的块数</translation>
    </message>
    <message>
        <source>Owner or call stack</source>
        <translation>所有者或调用栈</translation>
    </message>
    <message>
        <source>Base peak</source>
        <translation>基线峰值</translation>
    </message>
    <message>
        <source>New peak</source>
        <translation>新峰值</translation>
    </message>
    <message>
        <source>Peak growth</source>
        <translation>峰值增长</translation>
    </message>
    <message>
        <source>Base at end</source>
        <translation>基线结束时</translation>
    </message>
    <message>
        <source>New at end</source>
        <translation>新结束时</translation>
    </message>
    <message>
        <source>End growth</source>
        <translation>结束时增长</translation>
    </message>
    <message>
        <source>Base blocks</source>
        <translation>基线块数</translation>
    </message>
    <message>
        <source>New blocks</source>
        <translation>新块数</translation>
    </message>
</context>
<context>
    <name>ts::views::MemScopeCompareView</name>
    <message>
        <source>By owner</source>
        <translation>按所有者</translation>
    </message>
    <message>
        <source>By call stack</source>
        <translation>按调用栈</translation>
    </message>
    <message>
        <source>Filter by owner or stack frame</source>
        <translation>按所有者或栈帧筛选</translation>
    </message>
    <message>
        <source>msMemScope memory — base: %1   ·   new: %2   ·   growth = new − base, largest first</source>
        <translation>msMemScope 内存 — 基线：%1   ·   新：%2   ·   增长 = 新 − 基线，按增长降序</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%2 行中的 %1 行</translation>
    </message>
</context>
<context>
    <name>ts::views::MemScopeEventsView</name>
    <message>
        <source>Filter by event, type, name, owner or 0x address</source>
        <translation>按事件、类型、名称、所有者或 0x 地址筛选</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>正在筛选…</translation>
    </message>
    <message>
        <source>The events could not be filtered: %1</source>
        <translation>无法筛选事件：%1</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 个事件</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%2 个事件中的 %1 个</translation>
    </message>
</context>
<context>
    <name>ts::views::MemoryChart</name>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>■ allocations (stacked)</source>
        <translation>■ 内存分配（堆叠）</translation>
    </message>
    <message>
        <source>■ allocated</source>
        <translation>■ 已分配</translation>
    </message>
    <message>
        <source>— reserved</source>
        <translation>— 预留</translation>
    </message>
    <message>
        <source>No allocator trace for this device.</source>
        <translation>此设备没有分配器记录。</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>%1: %2 – %3</source>
        <translation>%1：%2 – %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 于 %2</translation>
    </message>
    <message>
        <source>Out of memory: a request for %1 failed at %2</source>
        <translation>内存不足：%2 时申请 %1 失败</translation>
    </message>
    <message>
        <source>%1
allocated %2 · reserved %3</source>
        <translation>%1
已分配 %2 · 预留 %3</translation>
    </message>
    <message>
        <source>%1 at 0x%2, stream %3</source>
        <translation>%1，地址 0x%2，流 %3</translation>
    </message>
    <message>
        <source>allocated before the trace</source>
        <translation>在 trace 开始前分配</translation>
    </message>
    <message>
        <source>allocated at %1</source>
        <translation>于 %1 分配</translation>
    </message>
    <message>
        <source>never freed</source>
        <translation>从未释放</translation>
    </message>
    <message>
        <source>free requested at %1, never completed</source>
        <translation>于 %1 请求释放，从未完成</translation>
    </message>
    <message>
        <source>freed at %1</source>
        <translation>于 %1 释放</translation>
    </message>
    <message>
        <source>  … (click for the whole stack)</source>
        <translation>  …（单击查看完整调用栈）</translation>
    </message>
</context>
<context>
    <name>ts::views::MemoryView</name>
    <message>
        <source>Reading the memory records…</source>
        <translation>正在读取内存记录…</translation>
    </message>
    <message>
        <source>Record order</source>
        <translation>记录顺序</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Allocator event order</source>
        <translation>分配器事件顺序</translation>
    </message>
    <message>
        <source>Reading the snapshot…</source>
        <translation>正在读取快照…</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 轴</translation>
    </message>
    <message>
        <source>Show interpreter and unwinder frames</source>
        <translation>显示解释器和栈回溯帧</translation>
    </message>
    <message>
        <source>Live at this moment</source>
        <translation>此刻存活</translation>
    </message>
    <message>
        <source>Never freed</source>
        <translation>从未释放</translation>
    </message>
    <message>
        <source>Allocator state</source>
        <translation>分配器状态</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stack of the selected allocation&lt;/b&gt; (innermost first)</source>
        <translation>&lt;b&gt;所选内存分配的调用栈&lt;/b&gt;（最内层在前）</translation>
    </message>
    <message>
        <source>The memory data could not be read: %1</source>
        <translation>无法读取内存数据：%1</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>The allocator state could not be rebuilt: %1</source>
        <translation>无法重建分配器状态：%1</translation>
    </message>
    <message>
        <source>This snapshot holds no allocator trace.</source>
        <translation>此快照不含分配器记录。</translation>
    </message>
    <message>
        <source>The snapshot recorded no allocator trace</source>
        <translation>此快照未记录分配器事件</translation>
    </message>
    <message>
        <source>The snapshot&apos;s trace has no times (time_us): events in order</source>
        <translation>此快照的记录没有时间（time_us）：按事件顺序</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>Peak allocated &lt;b&gt;%1&lt;/b&gt; at %2</source>
        <translation>已分配峰值 &lt;b&gt;%1&lt;/b&gt;，于 %2</translation>
    </message>
    <message>
        <source>peak reserved &lt;b&gt;%1&lt;/b&gt; at %2</source>
        <translation>预留峰值 &lt;b&gt;%1&lt;/b&gt;，于 %2</translation>
    </message>
    <message>
        <source>No allocator trace in this snapshot: the dump holds %1, &lt;b&gt;%2&lt;/b&gt; allocated of &lt;b&gt;%3&lt;/b&gt; reserved (record one with &lt;tt&gt;torch.cuda.memory._record_memory_history()&lt;/tt&gt;)</source>
        <translation>此快照中没有分配器记录：转储包含 %1，预留 &lt;b&gt;%3&lt;/b&gt; 中已分配 &lt;b&gt;%2&lt;/b&gt;（可用 &lt;tt&gt;torch.cuda.memory._record_memory_history()&lt;/tt&gt; 记录）</translation>
    </message>
    <message>
        <source>block</source>
        <translation>个块</translation>
    </message>
    <message>
        <source>blocks</source>
        <translation>个块</translation>
    </message>
    <message>
        <source> · from the profiler&apos;s [memory] events (totals only: a memory snapshot shows every allocation)</source>
        <translation> · 来自 profiler 的 [memory] 事件（仅有总量：内存快照可显示每次分配）</translation>
    </message>
    <message>
        <source> · %1, %2 never freed</source>
        <translation> · %1，其中 %2 个从未释放</translation>
    </message>
    <message>
        <source>allocation</source>
        <translation>次分配</translation>
    </message>
    <message>
        <source>allocations</source>
        <translation>次分配</translation>
    </message>
    <message>
        <source> · &lt;b style=&apos;color:#c81e1e&apos;&gt;%1&lt;/b&gt; (red marks)</source>
        <translation> · &lt;b style=&apos;color:#c81e1e&apos;&gt;%1&lt;/b&gt;（红色标记）</translation>
    </message>
    <message>
        <source>out-of-memory event</source>
        <translation>个内存不足事件</translation>
    </message>
    <message>
        <source>out-of-memory events</source>
        <translation>个内存不足事件</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 live&lt;/b&gt; at %2 (%3), largest first</source>
        <translation>%2（%3）时&lt;b&gt;存活 %1&lt;/b&gt;，按大小降序</translation>
    </message>
    <message>
        <source>the dump</source>
        <translation>转储</translation>
    </message>
    <message>
        <source>(%1 interpreter / unwinder frames folded)</source>
        <translation>（已折叠 %1 个解释器 / 栈回溯帧）</translation>
    </message>
    <message>
        <source>(no stack recorded for this allocation)</source>
        <translation>（此次分配没有记录调用栈）</translation>
    </message>
    <message>
        <source>Reading the msMemScope blocks…</source>
        <translation>正在读取 msMemScope 内存块…</translation>
    </message>
    <message>
        <source>Event order</source>
        <translation>事件顺序</translation>
    </message>
    <message>
        <source>Leaks</source>
        <translation>内存泄漏</translation>
    </message>
    <message>
        <source>%1 (%2, %3 in all)</source>
        <translation>%1（%2，共 %3）</translation>
    </message>
    <message>
        <source>Breakdown by owner</source>
        <translation>按所有者细分</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>The events could not be read: %1</source>
        <translation>无法读取事件：%1</translation>
    </message>
    <message>
        <source>Inefficient</source>
        <translation>低效</translation>
    </message>
    <message>
        <source>Blocks the dump marks inefficient (Attr inefficient: allocated early, freed late or idle between accesses); the reason heads their stack</source>
        <translation>转储标记为低效的内存块（Attr inefficient：过早分配、过晚释放或两次访问之间空闲）；原因列在其调用栈首行</translation>
    </message>
    <message>
        <source>Inefficient (%1)</source>
        <translation>低效（%1）</translation>
    </message>
</context>
<context>
    <name>ts::views::OperatorBarChart</name>
    <message>
        <source>Top %1 by the table&apos;s order: total (self darker)</source>
        <translation>按表格顺序的前 %1 个：总耗时（深色为自身耗时）</translation>
    </message>
    <message>
        <source>No operators to chart</source>
        <translation>没有可绘制的算子</translation>
    </message>
</context>
<context>
    <name>ts::views::OperatorTableModel</name>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPU + device</source>
        <translation>CPU + 设备</translation>
    </message>
    <message>
        <source>%1
Double-click: its longest slice on the timeline</source>
        <translation>%1
双击：在时间线上显示其最长的切片</translation>
    </message>
    <message>
        <source>Duration less its direct children&apos;s on the same track</source>
        <translation>耗时减去同一泳道上其直接子切片的耗时</translation>
    </message>
    <message>
        <source>Self time as a share of all self time (of its side: CPU or device)</source>
        <translation>自身耗时占（同侧：CPU 或设备）全部自身耗时的比例</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>侧</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>自身耗时</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Mean over the kernel table&apos;s rows of this name (every rank)</source>
        <translation>该名称在算子明细表中所有行的平均值（所有 Rank）</translation>
    </message>
    <message>
        <source>From the kernel table (kernel_details)</source>
        <translation>来自算子明细表（kernel_details）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Accelerator Core</source>
        <translation>加速器核</translation>
    </message>
</context>
<context>
    <name>ts::views::OperatorsView</name>
    <message>
        <source>Filter operators by name</source>
        <translation>按名称筛选算子</translation>
    </message>
    <message>
        <source>CPU operators and device kernels</source>
        <translation>CPU 算子和设备 Kernel</translation>
    </message>
    <message>
        <source>CPU operators</source>
        <translation>CPU 算子</translation>
    </message>
    <message>
        <source>Device kernels</source>
        <translation>设备 Kernel</translation>
    </message>
    <message>
        <source>Whole input</source>
        <translation>整个输入</translation>
    </message>
    <message>
        <source>Timeline range (Shift-drag)</source>
        <translation>时间线范围（Shift+拖动）</translation>
    </message>
    <message>
        <source>Waiting for the timeline…</source>
        <translation>正在等待时间线…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as CSV (Ctrl+C)</source>
        <translation>将所选行复制为 CSV（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>No slices</source>
        <translation>没有切片</translation>
    </message>
    <message>
        <source>%1 of %2 operators, %3 slices</source>
        <translation>%2 个算子中的 %1 个，%3 个切片</translation>
    </message>
    <message>
        <source> in the range of %1</source>
        <translation>，范围 %1 内</translation>
    </message>
    <message>
        <source> — Shift-drag a range on the timeline</source>
        <translation> — 在时间线上按住 Shift 拖动选择范围</translation>
    </message>
    <message>
        <source>Export Operators</source>
        <translation>导出算子</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>按名称</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By name and input shapes</source>
        <translation>按名称和输入形状</translation>
    </message>
    <message>
        <source>Where the trace recorded them (record_shapes in PyTorch)</source>
        <translation>在 trace 记录了形状时可用（PyTorch 的 record_shapes）</translation>
    </message>
</context>
<context>
    <name>ts::views::OverviewPage</name>
    <message>
        <source>Process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>Rank %1 · %2</source>
        <translation>Rank %1 · %2</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>正在读取缓存…</translation>
    </message>
    <message>
        <source>Process / track</source>
        <translation>进程 / 泳道</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Skipped because</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件数</translation>
    </message>
    <message>
        <source>Trace metadata</source>
        <translation>Trace 元数据</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>没有警告。</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source> (derived)</source>
        <translation>（派生）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 file(s) · %3 processes · %4 threads · %5 tracks&lt;br&gt;%6 slices · %7 instants · %8 counter samples · %9 flows · %10 skipped</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 个文件 · %3 个进程 · %4 个线程 · %5 条泳道&lt;br&gt;%6 个切片 · %7 个瞬时事件 · %8 个计数器采样 · %9 条连线 · 跳过 %10 个</translation>
    </message>
    <message>
        <source>&lt;br&gt;Memory snapshot: %1 devices · %2 segments · %3 blocks · %4 allocator events · %5 stack frames</source>
        <translation>&lt;br&gt;内存快照：%1 个设备 · %2 个内存段 · %3 个块 · %4 个分配器事件 · %5 个栈帧</translation>
    </message>
</context>
<context>
    <name>ts::views::OverviewStrip</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
</context>
<context>
    <name>ts::views::OwnerBreakdown</name>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>内存块</translation>
    </message>
    <message>
        <source>all live blocks</source>
        <translation>全部存活内存块</translation>
    </message>
</context>
<context>
    <name>ts::views::RangeStatsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
</context>
<context>
    <name>ts::views::SegmentMap</name>
    <message>
        <source>No segment is reserved at this moment.</source>
        <translation>此刻没有预留的内存段。</translation>
    </message>
    <message>
        <source>No allocator state to show.</source>
        <translation>没有可显示的分配器状态。</translation>
    </message>
    <message>
        <source>? %1</source>
        <translation>? %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Free&lt;/b&gt; %1 at %2 — cached by the allocator, not returned to the device</source>
        <translation>&lt;b&gt;空闲&lt;/b&gt; %1，地址 %2 — 由分配器缓存，未归还设备</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; block of %2 at %3, stream %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;块 %2，地址 %3，流 %4</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Pending free</source>
        <translation>待释放</translation>
    </message>
    <message>
        <source>requested size not recorded (PyTorch 2.0 dump): no waste claimed</source>
        <translation>未记录申请大小（PyTorch 2.0 转储）：不计浪费</translation>
    </message>
    <message>
        <source>requested %1 · rounding waste ≥ %2 (derived: the block is not in the dump, so its size is the allocator&apos;s 512-byte rounding of the request)</source>
        <translation>申请 %1 · 取整浪费 ≥ %2（推算：该块不在转储中，其大小按分配器将申请以 512 字节取整计算）</translation>
    </message>
    <message>
        <source>requested %1 · rounding waste %2 (exact, from the dump)</source>
        <translation>申请 %1 · 取整浪费 %2（精确值，来自转储）</translation>
    </message>
    <message>
        <source>freed by the program, waiting for work on another stream to finish</source>
        <translation>程序已释放，等待另一条流上的任务完成</translation>
    </message>
    <message>
        <source>allocated before the trace</source>
        <translation>在 trace 开始前分配</translation>
    </message>
    <message>
        <source>allocated at event %1</source>
        <translation>于事件 %1 分配</translation>
    </message>
    <message>
        <source>never freed in the trace</source>
        <translation>在 trace 中从未释放</translation>
    </message>
    <message>
        <source>free requested at event %1, never completed</source>
        <translation>于事件 %1 请求释放，从未完成</translation>
    </message>
    <message>
        <source>free requested at event %1, completed at %2</source>
        <translation>于事件 %1 请求释放，于 %2 完成</translation>
    </message>
    <message>
        <source>freed at event %1</source>
        <translation>于事件 %1 释放</translation>
    </message>
    <message>
        <source> — click for its stack</source>
        <translation> — 单击查看其调用栈</translation>
    </message>
    <message>
        <source>in the dump, allocated before the trace (no event names it) — click for its stack</source>
        <translation>在转储中，于 trace 开始前分配（没有事件提到它）— 单击查看其调用栈</translation>
    </message>
    <message>
        <source>⚠ overlaps another block: the trace and the dump disagree</source>
        <translation>⚠ 与另一块重叠：trace 与转储不一致</translation>
    </message>
    <message>
        <source>⚠ runs past the end of its segment</source>
        <translation>⚠ 超出其内存段末尾</translation>
    </message>
    <message>
        <source>&lt;i&gt;Not a known segment:&lt;/i&gt; blocks the trace places outside every segment reserved at this moment</source>
        <translation>&lt;i&gt;未知内存段：&lt;/i&gt;trace 将这些块置于此刻所有已预留内存段之外</translation>
    </message>
    <message>
        <source>segment %1, %2</source>
        <translation>内存段 %1，%2</translation>
    </message>
    <message>
        <source>, expandable (mapped part)</source>
        <translation>，可扩展（已映射部分）</translation>
    </message>
    <message>
        <source>, reserved before the trace</source>
        <translation>，于 trace 开始前预留</translation>
    </message>
    <message>
        <source>, reserved at event %1</source>
        <translation>，于事件 %1 预留</translation>
    </message>
    <message>
        <source> · %1 free in it, largest %2</source>
        <translation> · 其中空闲 %1，最大 %2</translation>
    </message>
</context>
<context>
    <name>ts::views::SqlResultModel</name>
    <message>
        <source>&lt;blob, %1 bytes&gt;</source>
        <translation>&lt;blob，%1 字节&gt;</translation>
    </message>
</context>
<context>
    <name>ts::views::SqlView</name>
    <message>
        <source>Table / column</source>
        <translation>表 / 列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Opening the caches…</source>
        <translation>正在打开缓存…</translation>
    </message>
    <message>
        <source>The caches could not be opened</source>
        <translation>无法打开缓存</translation>
    </message>
    <message>
        <source>Running… %L1 rows so far</source>
        <translation>正在运行… 已取得 %L1 行</translation>
    </message>
    <message>
        <source>SELECT … (Ctrl+Return runs it)</source>
        <translation>输入 SQL 查询（Ctrl+Enter 运行）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the query (Ctrl+Return)</source>
        <translation>运行查询（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>At most this many rows are fetched</source>
        <translation>最多取回的行数</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>A query running longer is stopped</source>
        <translation>运行超过此时间的查询将被停止</translation>
    </message>
    <message>
        <source>Rows ≤</source>
        <translation>行数 ≤</translation>
    </message>
    <message>
        <source>Time ≤</source>
        <translation>时间 ≤</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation>%L1 行</translation>
    </message>
    <message>
        <source>The first %1 (the row limit), in %2 s</source>
        <translation>前 %1（已达行数上限），用时 %2 秒</translation>
    </message>
    <message>
        <source>%1 in %2 s</source>
        <translation>%1，用时 %2 秒</translation>
    </message>
    <message>
        <source>%1 after %2 s; %L3 rows fetched</source>
        <translation>%1（%2 秒后）；已取得 %L3 行</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史记录…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as CSV (Ctrl+C)</source>
        <translation>将所选行复制为 CSV（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Result</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Click a column to sort the result by it</source>
        <translation>单击列标题按该列排序结果</translation>
    </message>
    <message>
        <source> · sorted by %1, %2</source>
        <translation> · 按 %1 排序，%2</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>降序</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>升序</translation>
    </message>
</context>
<context>
    <name>ts::views::StepChart</name>
    <message>
        <source>No steps</source>
        <translation>没有迭代</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>迭代 %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>迭代</translation>
    </message>
    <message numerus="yes">
        <source>%n rank(s)</source>
        <translation>
            <numerusform>%n 个 rank</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ts::views::StepTableModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>step_trace_time</source>
        <translation>step_trace_time</translation>
    </message>
    <message>
        <source>kernels</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>Figures from the profiler&apos;s step_trace_time</source>
        <translation>数据来自性能采集工具的 step_trace_time</translation>
    </message>
    <message>
        <source>Figures computed from the device slices inside the step</source>
        <translation>数据由该迭代内的设备切片计算得出</translation>
    </message>
    <message>
        <source>Double-click: the step on the timeline</source>
        <translation>双击：在时间线上显示该迭代</translation>
    </message>
    <message>
        <source>Time some computing kernel runs (the union of their intervals)</source>
        <translation>有计算内核运行的时间（其区间的并集）</translation>
    </message>
    <message>
        <source>Communication while no computing kernel runs</source>
        <translation>没有计算内核运行时的通信</translation>
    </message>
    <message>
        <source>Communication hidden under computing</source>
        <translation>被计算掩盖的通信</translation>
    </message>
    <message>
        <source>Time the device does nothing: the step less computing and communication not overlapped</source>
        <translation>设备空闲的时间：迭代时间减去计算和未被掩盖的通信</translation>
    </message>
    <message>
        <source>The device slices&apos; durations added up</source>
        <translation>设备切片耗时之和</translation>
    </message>
    <message>
        <source>Host time in kernel launch calls (cudaLaunchKernel, aclnn* …)</source>
        <translation>主机在内核下发调用中的时间（cudaLaunchKernel、aclnn* …）</translation>
    </message>
    <message>
        <source>Slowest less fastest rank&apos;s step time</source>
        <translation>最慢与最快 rank 的迭代时间之差</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Step time</source>
        <translation>迭代时间</translation>
    </message>
    <message>
        <source>Computing</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Communication not overlapped</source>
        <translation>未被掩盖的通信</translation>
    </message>
    <message>
        <source>Overlapped</source>
        <translation>被掩盖的通信</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Kernel time</source>
        <translation>内核时间</translation>
    </message>
    <message>
        <source>Launch time</source>
        <translation>下发时间</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>内核数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Slowest rank</source>
        <translation>最慢 rank</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>差值</translation>
    </message>
</context>
<context>
    <name>ts::views::SummaryView</name>
    <message>
        <source>Filter steps (step, rank, source)</source>
        <translation>筛选迭代（迭代、rank、来源）</translation>
    </message>
    <message>
        <source>All ranks</source>
        <translation>所有 rank</translation>
    </message>
    <message>
        <source>Waiting for the timeline…</source>
        <translation>正在等待时间线…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as CSV (Ctrl+C)</source>
        <translation>将所选行复制为 CSV（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Summary</source>
        <translation>导出总结</translation>
    </message>
    <message>
        <source>Top kernels of the step</source>
        <translation>该迭代的主要内核</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 个迭代</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rank(s)</source>
        <translation>
            <numerusform>%n 个 rank</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Double-click: its longest slice on the timeline</source>
        <translation>%1
双击：在时间线上显示其最长的切片</translation>
    </message>
</context>
<context>
    <name>ts::views::TimelineCanvas</name>
    <message>
        <source>Loading the timeline…</source>
        <translation>正在加载时间线…</translation>
    </message>
    <message>
        <source>This trace has no slices or counters to draw.</source>
        <translation>此 trace 没有可绘制的切片或计数器。</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
</context>
<context>
    <name>ts::views::TimelineView</name>
    <message>
        <source>Shift-drag on the timeline to summarise a time range.</source>
        <translation>在时间线上按住 Shift 拖动可汇总一个时间范围。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Find slices by name (Ctrl+F, Enter / Shift+Enter)</source>
        <translation>按名称查找切片（Ctrl+F，Enter / Shift+Enter）</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>W/S zoom · A/D pan · drag to pan · Shift-drag range · 0 all · F fit · M flag · Ctrl+Z back</source>
        <translation>W/S 缩放 · A/D 平移 · 拖动平移 · Shift+拖动 框选 · 0 全部 · F 适配 · M 标记 · Ctrl+Z 返回</translation>
    </message>
    <message>
        <source>Nothing in this input can be drawn on a timeline.</source>
        <translation>此输入中没有可在时间线上绘制的内容。</translation>
    </message>
    <message>
        <source>Flags not loaded: %1</source>
        <translation>未能加载标记：%1</translation>
    </message>
    <message>
        <source>%1 slices with %2 names in %3 (F fits the range, M flags its start)</source>
        <translation>%3 内共 %1 个切片、%2 种名称（F 适配该范围，M 标记其起点）</translation>
    </message>
    <message>
        <source>Flag %1</source>
        <translation>标记 %1</translation>
    </message>
    <message>
        <source>Flags not saved: %1</source>
        <translation>未能保存标记：%1</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to Top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Hide Track</source>
        <translation>隐藏泳道</translation>
    </message>
    <message>
        <source>Show All Hidden Tracks (%1)</source>
        <translation>显示所有隐藏的泳道（%1）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>ts::views::WelcomePage</name>
    <message>
        <source>TraceScope</source>
        <translation>TraceScope</translation>
    </message>
    <message>
        <source>Open what your profiler wrote: PyTorch Profiler traces (.json, .json.gz), Ascend profiling folders, CUDA memory snapshots and msMemScope dumps.
Everything stays on this machine. You can also drop files or folders here.</source>
        <translation>打开性能分析工具的输出：PyTorch Profiler trace（.json、.json.gz）、昇腾性能数据文件夹、CUDA 内存快照和 msMemScope 转储。
所有数据都留在本机。也可以将文件或文件夹拖放到此处。</translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>A trace, snapshot or dump (Ctrl+O)</source>
        <translation>trace、快照或转储（Ctrl+O）</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>A profiling folder or one per rank</source>
        <translation>性能数据文件夹，或每个 Rank 一个文件夹</translation>
    </message>
    <message>
        <source>Open Sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>A small bundled PyTorch trace</source>
        <translation>随附的小型 PyTorch trace</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start&lt;/b&gt;</source>
        <translation>&lt;b&gt;开始&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;In the timeline&lt;/b&gt;&lt;br&gt;W / S zoom at the mouse, A / D pan, drag to pan&lt;br&gt;Click a slice for its details and flows, Shift-drag to summarise a range&lt;br&gt;Ctrl+F finds slices by name; M drops a flag; 0 shows everything&lt;br&gt;Help ▸ Keyboard Shortcuts (Ctrl+/) lists them all</source>
        <translation>&lt;b&gt;在时间线中&lt;/b&gt;&lt;br&gt;W / S 以鼠标为中心缩放，A / D 平移，拖动平移&lt;br&gt;单击切片查看详情和连线，Shift+拖动汇总一个时间范围&lt;br&gt;Ctrl+F 按名称查找切片；M 放置标记；0 显示全部&lt;br&gt;帮助 ▸ 键盘快捷键（Ctrl+/）列出所有按键</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近打开&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing opened yet</source>
        <translation>尚未打开任何内容</translation>
    </message>
</context>
</TS>
