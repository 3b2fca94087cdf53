<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Announcer</name>
    <message>
        <source>没有语音引擎，叫号只有提示音 · No speech engine: calls are a chime only</source>
        <translation>No speech engine: calls are a chime only</translation>
    </message>
    <message>
        <source>语音引擎 %1 没有中文（普通话）语音，叫号只有提示音 · Speech engine %1 has no Mandarin voice: calls are a chime only</source>
        <translation>Speech engine %1 has no Mandarin voice: calls are a chime only</translation>
    </message>
    <message>
        <source>语音播报失败（%1），请检查音箱和语音引擎 · Speaking failed (%1): check the speakers and the speech engine</source>
        <translation>Speaking failed (%1): check the speakers and the speech engine</translation>
    </message>
</context>
<context>
    <name>ArrivalsDialog</name>
    <message>
        <source>到证登记</source>
        <translation>Document arrivals</translation>
    </message>
    <message>
        <source>扫描回执条码</source>
        <translation>Scan receipt barcodes</translation>
    </message>
    <message>
        <source>逐张扫描回执，或输入回执号后按回车</source>
        <translation>Scan each receipt, or type its number and press Enter</translation>
    </message>
    <message>
        <source>到证日期</source>
        <translation>Arrived on</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>登记到证 (&amp;R)</source>
        <translation>&amp;Register arrivals</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已扫描 {0} 张，可登记 {1} 张</source>
        <translation>{0} scanned, {1} can be registered</translation>
    </message>
    <message>
        <source>到证 {0} 件，已排队短信通知 {1} 条；未登记 {2} 张</source>
        <translation>{0} items arrived, {1} SMS notices queued; {2} receipts not registered</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>ArrivalsModel</name>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>已登记，待领取</source>
        <translation>Registered: ready for collection</translation>
    </message>
    <message>
        <source>可登记</source>
        <translation>Can be registered</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>预约登记</source>
        <translation>Book an appointment</translation>
    </message>
    <message>
        <source>时段开始</source>
        <translation>Slot start</translation>
    </message>
    <message>
        <source>时段结束</source>
        <translation>Slot end</translation>
    </message>
    <message>
        <source>输入代码或名称筛选</source>
        <translation>Filter by code or name</translation>
    </message>
    <message>
        <source>办理事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>申请人姓名</source>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>他人代办</source>
        <translation>Applying for someone else</translation>
    </message>
    <message>
        <source>代办人姓名</source>
        <translation>Proxy&apos;s name</translation>
    </message>
    <message>
        <source>代办人身份号码</source>
        <translation>Proxy&apos;s ID number</translation>
    </message>
    <message>
        <source>窗口预约</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>电话预约</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>预约方式</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>已预约 %1，预约码 %2</source>
        <translation>Booked %1, booking code %2</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>预约登记…</source>
        <translation>Book an appointment…</translation>
    </message>
</context>
<context>
    <name>BreakdownView</name>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>平均等候</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>P90 等候</source>
        <translation>Wait p90</translation>
    </message>
    <message>
        <source>达标率</source>
        <translation>Service level</translation>
    </message>
    <message>
        <source>平均办理</source>
        <translation>Average handling</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>P90 办理</source>
        <translation>Handling p90</translation>
    </message>
    <message>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <source>按人员</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <source>评价分布</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>差评明细（1–2 分）</source>
        <translation>Low ratings (1–2)</translation>
    </message>
    <message>
        <source>5 非常满意</source>
        <translation>5 very satisfied</translation>
    </message>
    <message>
        <source>4 满意</source>
        <translation>4 satisfied</translation>
    </message>
    <message>
        <source>3 基本满意</source>
        <translation>3 fairly satisfied</translation>
    </message>
    <message>
        <source>2 不满意</source>
        <translation>2 dissatisfied</translation>
    </message>
    <message>
        <source>1 非常不满意</source>
        <translation>1 very dissatisfied</translation>
    </message>
</context>
<context>
    <name>CardReader</name>
    <message>
        <source>读卡</source>
        <translation>Read ID card</translation>
    </message>
    <message>
        <source>读代办人证件</source>
        <translation>Read the proxy&apos;s ID card</translation>
    </message>
    <message>
        <source>本机的阅读器直接把证件号码输入到号码栏：请点入号码栏后刷证</source>
        <translation>This terminal&apos;s reader types the ID number: click into the ID number field, then place the card</translation>
    </message>
    <message>
        <source>本机未设置身份证阅读器（本机与大厅设置 → 身份证阅读器）</source>
        <translation>No ID card reader is set up on this terminal (Terminal and hall settings → ID card reader)</translation>
    </message>
    <message>
        <source>正在读卡…</source>
        <translation>Reading the ID card…</translation>
    </message>
    <message>
        <source>代办人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>已读取{0}证件：{1}</source>
        <translation>{0}&apos;s ID card read: {1}</translation>
    </message>
    <message>
        <source>证件已过期</source>
        <translation>ID card expired</translation>
    </message>
    <message>
        <source>{0} 的居民身份证已于 {1} 过期，请核实身份并提示换领。</source>
        <translation>{0}&apos;s resident ID card expired on {1}. Verify the identity and advise renewing the card.</translation>
    </message>
    <message>
        <source>申请人证件号码：由阅读器输入</source>
        <translation>Applicant&apos;s ID number: typed by the reader</translation>
    </message>
    <message>
        <source>{0}（读卡）：{1}族&#x3000;出生 {2}&#x3000;签发机关 {3}&#x3000;有效期 {4} 至 {5}</source>
        <translation>{0} (card read): nation {1}  born {2}  issued by {3}  valid {4} to {5}</translation>
    </message>
    <message>
        <source>&#x3000;证件已过期</source>
        <translation>  card expired</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>首次登录或密码被重置后，须先设置自己的新密码。</source>
        <translation>At the first login, or after a password reset, set your own new password first.</translation>
    </message>
    <message>
        <source>请输入原密码和新密码。</source>
        <translation>Enter your current password and a new one.</translation>
    </message>
    <message>
        <source>密码须为8-256位，且包含大写字母、小写字母、数字、符号中的三种。</source>
        <translation>A password has 8 to 256 characters and at least three of: capital letters, small letters, digits, symbols.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <source>扫描或输入预约码</source>
        <translation>Scan or type the booking code</translation>
    </message>
    <message>
        <source>预约码</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>或 身份号码后4位</source>
        <translation>or the ID number&apos;s last 4</translation>
    </message>
    <message>
        <source>及 手机号码后4位</source>
        <translation>and the phone&apos;s last 4</translation>
    </message>
    <message>
        <source>签到取号</source>
        <translation>Check in and issue the ticket</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>预约签到…</source>
        <translation>Appointment check-in…</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <source>请将预约短信或预约二维码对准扫描口，或输入下面两组四位数字</source>
        <translation>Hold your booking SMS or QR code to the scanner, or type the two groups of four digits below</translation>
    </message>
    <message>
        <source>预约码</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>或者</source>
        <translation>or</translation>
    </message>
    <message>
        <source>身份证号码后四位</source>
        <translation>Last 4 of the ID number</translation>
    </message>
    <message>
        <source>手机号码后四位</source>
        <translation>Last 4 of the phone number</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Check in</translation>
    </message>
</context>
<context>
    <name>CitizenSearchDialog</name>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>查询群众办件记录</source>
        <translation>Search a citizen&apos;s visits</translation>
    </message>
    <message>
        <source>身份证号或回执号（可扫码）</source>
        <translation>ID number or receipt number (scan or type)</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>查询将记入审计日志。</source>
        <translation>Every search is written to the audit log.</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>找到 {0} 条办件记录。</source>
        <translation>{0} visits found.</translation>
    </message>
    <message>
        <source>个人信息已按规定遮蔽。</source>
        <translation> Personal data is masked as required.</translation>
    </message>
</context>
<context>
    <name>ClerkStart</name>
    <message>
        <source>恢复未完成的办件</source>
        <translation>Resume an unfinished visit</translation>
    </message>
    <message>
        <source>发现未完成的办件（申请人：{0}）。是否继续办理？
选“否”将丢弃该草稿。</source>
        <translation>An unfinished visit was found (applicant: {0}). Continue it?
&quot;No&quot; discards the draft.</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>数据库连接中断，正在重连…</source>
        <translation>Database connection lost, reconnecting…</translation>
    </message>
    <message>
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>{0} 秒后重试</source>
        <translation>retrying in {0} s</translation>
    </message>
    <message>
        <source>正在重试…</source>
        <translation>retrying…</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>创建系统管理员</source>
        <translation>Create the administrator</translation>
    </message>
    <message>
        <source>这是一个新的数据库。请先创建系统管理员账号，之后由管理员创建窗口人员账号。</source>
        <translation>This is a new database. Create the administrator account first; the administrator then creates the clerks&apos; accounts.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>DatabaseOpening</name>
    <message>
        <source>无法连接数据库，{0} 秒后自动重试</source>
        <translation>Cannot reach the database; trying again in {0} s</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>年月日，如 20261123</source>
        <translation>Year month day, e.g. 20261123</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>邮寄送证</source>
        <translation>Delivery by post</translation>
    </message>
    <message>
        <source>回执号（可扫码）</source>
        <translation>Receipt number (scan or type)</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>省 / 市 / 区（县）</source>
        <translation>Province / city / district</translation>
    </message>
    <message>
        <source>街道、门牌号</source>
        <translation>Street and house number</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>收件人电话</source>
        <translation>Recipient&apos;s phone</translation>
    </message>
    <message>
        <source>邮费（元）</source>
        <translation>Postage (CNY)</translation>
    </message>
    <message>
        <source>寄出时扫描或输入运单号</source>
        <translation>Scan or type the tracking number when posting</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <source>保存地址 (&amp;S)</source>
        <translation>&amp;Save address</translation>
    </message>
    <message>
        <source>已寄出 (&amp;P)</source>
        <translation>Mark &amp;posted</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>回执 {0}&#x3000;申请人 {1}&#x3000;{2}&#x3000;申请时填写的地址：{3}</source>
        <translation>Receipt {0}    Applicant {1}    {2}    Address given on the form: {3}</translation>
    </message>
    <message>
        <source>邮寄地址已保存</source>
        <translation>Postal address saved</translation>
    </message>
    <message>
        <source>已寄出，已排队短信告知运单号</source>
        <translation>Posted: an SMS with the tracking number is queued</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>叫号显示屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <source>请留意叫号，听到号码后到对应窗口办理 · Please go to the window when your number is called</source>
        <translation>Please go to the window shown when your number is called</translation>
    </message>
    <message>
        <source>正在叫号 Now calling</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>已叫号码 Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>窗口 Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>正在办理 Now serving</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>等候 Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>%1 号</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>重呼 Calling again</source>
        <translation>Calling again</translation>
    </message>
    <message>
        <source> 重呼</source>
        <translation> (again)</translation>
    </message>
    <message>
        <source>→ %1 号窗口</source>
        <translation>→ Window %1</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>正在导出报表…</source>
        <translation>Exporting the report…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>正在导出报表… {0} / {1} 行</source>
        <translation>Exporting the report… {0} / {1} rows</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>FollowUpsDialog</name>
    <message>
        <source>好差评回访</source>
        <translation>Follow-ups of bad ratings</translation>
    </message>
    <message>
        <source>只看未办结</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <source>群众反映</source>
        <translation>Citizen said</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>What was changed</translation>
    </message>
    <message>
        <source>回访办结 (&amp;C)</source>
        <translation>&amp;Close the case</translation>
    </message>
    <message>
        <source>转交给</source>
        <translation>Reassign to</translation>
    </message>
    <message>
        <source>转交</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>共 {0} 件，逾期 {1} 件</source>
        <translation>{0} cases, {1} overdue</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>回访已办结</source>
        <translation>Case closed</translation>
    </message>
    <message>
        <source>已转交 {0}</source>
        <translation>Reassigned to {0}</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>评价时间</source>
        <translation>Rated at</translation>
    </message>
    <message>
        <source>回访期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已办结（按期）</source>
        <translation>Closed (in time)</translation>
    </message>
    <message>
        <source>已办结（超期）</source>
        <translation>Closed (late)</translation>
    </message>
    <message>
        <source>逾期未回访</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>GuideDetailPage</name>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>打印指南</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>所需材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>已打印，请在出纸口取走</source>
        <translation>Printed: please take it from the slot</translation>
    </message>
    <message>
        <source>打印失败，请到咨询台求助</source>
        <translation>Printing failed; please ask at the information desk</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>办事指南 — {0}</source>
        <translation>Guide — {0}</translation>
    </message>
    <message>
        <source>打印指南</source>
        <translation>Print the guide</translation>
    </message>
    <message>
        <source>办事指南 {0}</source>
        <translation>Guide {0}</translation>
    </message>
</context>
<context>
    <name>GuideListPage</name>
    <message>
        <source>办事指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>户政业务</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>交管业务</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>没有找到相关事项</source>
        <translation>Nothing found</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>您好！请选择要办理的业务</source>
        <translation>Welcome! What would you like to do?</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <source>排队取号，等候叫号</source>
        <translation>Queue number for a window</translation>
    </message>
    <message>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <source>已预约的请在此签到</source>
        <translation>Booked? Check in here</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>材料、收费、时限</source>
        <translation>Papers, fees, time limits</translation>
    </message>
    <message>
        <source>进度查询</source>
        <translation>Check status</translation>
    </message>
    <message>
        <source>扫描回执条码查询</source>
        <translation>Scan your receipt</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>好差评</source>
        <translation>Tell us how we did</translation>
    </message>
</context>
<context>
    <name>ItemStatusDialog</name>
    <message>
        <source>办件状态：待领取 / 已领取</source>
        <translation>Item status: ready / collected</translation>
    </message>
    <message>
        <source>回执号（可扫码）</source>
        <translation>Receipt number (scan or type)</translation>
    </message>
    <message>
        <source>扫描回执条码或输入回执号后按回车</source>
        <translation>Scan the receipt barcode, or type the number and press Enter</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>办理事项</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <source>最后变更</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>标记办理中/补正完成 (&amp;I)</source>
        <translation>Mark &amp;in progress / materials in</translation>
    </message>
    <message>
        <source>标记待领取 (&amp;R)</source>
        <translation>Mark &amp;ready</translation>
    </message>
    <message>
        <source>标记已领取 (&amp;L)</source>
        <translation>Mark co&amp;llected</translation>
    </message>
    <message>
        <source>请群众评价 (&amp;P)</source>
        <translation>Ask for a &amp;rating</translation>
    </message>
    <message>
        <source>在面向群众的第二显示器上打开评价器</source>
        <translation>Open the rating pad on the citizen-facing second screen</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>回执号 {0}&#x3000;申请人 {1}&#x3000;共 {2} 项</source>
        <translation>Receipt {0}    Applicant {1}    {2} item(s)</translation>
    </message>
    <message>
        <source>已标记为办理中</source>
        <translation>Marked in progress</translation>
    </message>
    <message>
        <source>已标记为待领取</source>
        <translation>marked ready for collection</translation>
    </message>
    <message>
        <source>已标记为已领取</source>
        <translation>marked collected</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>JourneyActions</name>
    <message>
        <source>到证登记…</source>
        <translation>Document arrivals…</translation>
    </message>
    <message>
        <source>邮寄送证…</source>
        <translation>Delivery by post…</translation>
    </message>
    <message>
        <source>未领取清单…</source>
        <translation>Uncollected items…</translation>
    </message>
    <message>
        <source>短信通知记录…</source>
        <translation>SMS notices…</translation>
    </message>
    <message>
        <source>到证与送达(&amp;J)</source>
        <translation>Arrivals and &amp;delivery</translation>
    </message>
    <message>
        <source>短信通知：已发送 {0}，失败 {1}</source>
        <translation>SMS notices: {0} sent, {1} failed</translation>
    </message>
    <message>
        <source>好差评回访…</source>
        <translation>Follow-ups of bad ratings…</translation>
    </message>
    <message>
        <source>到证、短信与回访设置…</source>
        <translation>Arrivals, SMS and follow-up settings…</translation>
    </message>
</context>
<context>
    <name>JourneySettingsDialog</name>
    <message>
        <source>到证、短信与回访设置</source>
        <translation>Arrivals, SMS and follow-up settings</translation>
    </message>
    <message>
        <source>不发送（通知保持排队）</source>
        <translation>Do not send (notices stay queued)</translation>
    </message>
    <message>
        <source>短信网关（HTTP）</source>
        <translation>SMS gateway (HTTP)</translation>
    </message>
    <message>
        <source>写入文件（演示、测试）</source>
        <translation>Write to a file (demo, tests)</translation>
    </message>
    <message>
        <source>短信发送方式</source>
        <translation>How SMS are sent</translation>
    </message>
    <message>
        <source>网关地址</source>
        <translation>Gateway URL</translation>
    </message>
    <message>
        <source>已设置，留空不改</source>
        <translation>Set; leave empty to keep it</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>网关令牌</source>
        <translation>Gateway token</translation>
    </message>
    <message>
        <source>如【示范派出所】</source>
        <translation>e.g. 【示范派出所】</translation>
    </message>
    <message>
        <source>短信签名</source>
        <translation>SMS signature</translation>
    </message>
    <message>
        <source>邮费（元）</source>
        <translation>Postage (CNY)</translation>
    </message>
    <message>
        <source>待领取超过多少天列为未领取</source>
        <translation>Days ready before an item counts as uncollected</translation>
    </message>
    <message>
        <source>差评回访期限（工作日）</source>
        <translation>Days to answer a bad rating (working days)</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>自助服务</source>
        <translation>Self-service</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>终端已锁定</source>
        <translation>Terminal locked</translation>
    </message>
    <message>
        <source>输入本人密码解锁，办理中的业务保持不变。其他人员登录时，原操作员的未完成办件将被挂起保存。</source>
        <translation>Type your password to unlock; the open visit stays as it is. If another clerk logs in, the previous clerk&apos;s unfinished visit is parked and kept.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>操作员：{0}（{1}）</source>
        <translation>Operator: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>一窗通办 — 登录</source>
        <translation>One-Window Service — Log in</translation>
    </message>
    <message>
        <source>一窗通办 户政·交管综合窗口</source>
        <translation>One-Window Service: household registration and traffic</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>演示模式 — 演示账号：</source>
        <translation>Demo mode — demo accounts:</translation>
    </message>
    <message>
        <source>{0}：{1} / {2}</source>
        <translation>{0}: {1} / {2}</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>一窗通办 — {0}号窗口</source>
        <translation>One-Window Service — window {0}</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>操作员：</source>
        <translation>Operator: </translation>
    </message>
    <message>
        <source>新建办件</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>办结并打印回执</source>
        <translation>Finish and print the receipt</translation>
    </message>
    <message>
        <source>取消办件</source>
        <translation>Cancel the visit</translation>
    </message>
    <message>
        <source>必需材料全部已收</source>
        <translation>All required materials received</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>补打回执…</source>
        <translation>Reprint a receipt…</translation>
    </message>
    <message>
        <source>预览回执</source>
        <translation>Preview receipt</translation>
    </message>
    <message>
        <source>办件状态（待领取/已领取）…</source>
        <translation>Item status (ready / collected)…</translation>
    </message>
    <message>
        <source>请群众评价</source>
        <translation>Ask for a rating</translation>
    </message>
    <message>
        <source>管理看板与报表…</source>
        <translation>Dashboard and reports…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>办件(&amp;V)</source>
        <translation>&amp;Visit</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>叫号(&amp;Q)</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <source>排队叫号</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>无号</source>
        <translation>No ticket</translation>
    </message>
    <message>
        <source>（未录入姓名）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>当前办件</source>
        <translation>Open visit</translation>
    </message>
    <message>
        <source>已用时 {0}</source>
        <translation>elapsed {0}</translation>
    </message>
    <message>
        <source>已叫 {0}：群众到窗口后按 F6 开始办理（F3 重呼，F4 过号）</source>
        <translation>{0} called: press F6 when the citizen is at the window (F3 call again, F4 no-show)</translation>
    </message>
    <message>
        <source>{0} 办理中：按 F5 为该号新建办件</source>
        <translation>{0} being served: press F5 to open its visit</translation>
    </message>
    <message>
        <source>窗口已暂停叫号：按 F9 恢复，或按 F5 新建办件</source>
        <translation>Calling is paused: F9 resumes, F5 opens a visit</translation>
    </message>
    <message>
        <source>按 F2 叫下一号，或按 F5 新建办件</source>
        <translation>Press F2 to call the next number, or F5 for a new visit</translation>
    </message>
    <message>
        <source>正在保存办件，保存完成后再叫号</source>
        <translation>Saving the visit; call the next number when it is saved</translation>
    </message>
    <message>
        <source>当前办件尚未办结</source>
        <translation>The open visit is not finished</translation>
    </message>
    <message>
        <source>申请人 {0} 的办件尚未办结。
请先办结（Ctrl+Enter）或取消（Ctrl+W）；也可以暂存为草稿后叫下一号（草稿在下次登录时可恢复）。</source>
        <translation>{0}&apos;s visit is not finished.
Finish it (Ctrl+Enter) or cancel it (Ctrl+W) first, or park it as a draft and call the next number (the draft is offered back at your next login).</translation>
    </message>
    <message>
        <source>暂存并叫下一号</source>
        <translation>Park and call next</translation>
    </message>
    <message>
        <source>返回办件</source>
        <translation>Back to the visit</translation>
    </message>
    <message>
        <source>请先在事项列表中选中一个事项，再按 F1</source>
        <translation>Select a procedure in the list first, then press F1</translation>
    </message>
    <message>
        <source>正在保存办件…</source>
        <translation>Saving the visit…</translation>
    </message>
    <message>
        <source>受理回执 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <source>回执 {0} 正在送往打印机…</source>
        <translation>Receipt {0}: sending to the printer…</translation>
    </message>
    <message>
        <source>（系统默认）</source>
        <translation>(system default)</translation>
    </message>
    <message>
        <source>回执 {0} 已送往打印机 {1}</source>
        <translation>Receipt {0} sent to printer {1}</translation>
    </message>
    <message>
        <source>回执 {0} 未打印：{1}（回执已保存：Ctrl+P 重新打印，Ctrl+R 补打）</source>
        <translation>Receipt {0} not printed: {1} (the receipt is kept: Ctrl+P prints it again, Ctrl+R reprints)</translation>
    </message>
    <message>
        <source>还没有可预览的回执：请先办结一个办件</source>
        <translation>No receipt to preview yet: finish a visit first</translation>
    </message>
    <message>
        <source>确定取消本次办件吗？已录入的内容不再办理，办件时间仍计入统计。</source>
        <translation>Cancel this visit? Nothing typed will be processed; the time spent still counts in the statistics.</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>回执号（可扫码）：</source>
        <translation>Receipt number (scan or type):</translation>
    </message>
    <message>
        <source>补打回执 {0}</source>
        <translation>Reprint of receipt {0}</translation>
    </message>
    <message>
        <source>请先办结一个办件</source>
        <translation>Finish a visit first</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <source>一窗通办 — 所领导看板</source>
        <translation>One-Window Service — manager&apos;s dashboard</translation>
    </message>
    <message>
        <source>今日实时</source>
        <translation>Today, live</translation>
    </message>
    <message>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>分窗口 / 人员 / 评价</source>
        <translation>Windows / clerks / ratings</translation>
    </message>
    <message>
        <source>时间去哪了</source>
        <translation>Where the time goes</translation>
    </message>
    <message>
        <source>导出 Excel 报表…</source>
        <translation>Export an Excel report…</translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>锁定终端</source>
        <translation>Lock the terminal</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>本机与大厅设置…</source>
        <translation>Terminal and hall settings…</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>Reading failed: </translation>
    </message>
    <message>
        <source>已导出：{0}（{1} 行明细）</source>
        <translation>Exported: {0} ({1} detail rows)</translation>
    </message>
    <message>
        <source>已取消导出</source>
        <translation>Export cancelled</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>逐项核对材料：收到的勾选“已收”，未带的标记“缺少”（该事项将为“需补正”）。</source>
        <translation>Check each material: tick &quot;received&quot; for what was handed in, &quot;missing&quot; for what was not (the item then needs materials).</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>短信通知记录</source>
        <translation>SMS notices</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>立即发送</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>已重新排队</source>
        <translation>Queued again</translation>
    </message>
    <message>
        <source>未配置短信网关，通知保持排队</source>
        <translation>No SMS gateway configured: notices stay queued</translation>
    </message>
    <message>
        <source>已发送 {0}，待重试 {1}，失败 {2}</source>
        <translation>{0} sent, {1} to retry, {2} failed</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>下次发送</source>
        <translation>Next try</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>可领取</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>已寄出</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>催领</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>排队</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>OvertimeLabel</name>
    <message>
        <source>本窗口</source>
        <translation>This window</translation>
    </message>
    <message>
        <source>（另 {0} 条）</source>
        <translation> ({0} more)</translation>
    </message>
</context>
<context>
    <name>OvertimePanel</name>
    <message>
        <source>超时提醒</source>
        <translation>Overtime alerts</translation>
    </message>
    <message>
        <source>暂无超时</source>
        <translation>No overtime</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>Could not read: </translation>
    </message>
</context>
<context>
    <name>PdfPrintPreviewDialog</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>送往打印机 {0} (Ctrl+P)</source>
        <translation>Send to printer {0} (Ctrl+P)</translation>
    </message>
    <message>
        <source>（系统默认）</source>
        <translation>(system default)</translation>
    </message>
    <message>
        <source>正在送往打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>已送往打印机 {0}</source>
        <translation>Sent to printer {0}</translation>
    </message>
</context>
<context>
    <name>PeriodView</name>
    <message>
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>每日趋势</source>
        <translation>Daily trend</translation>
    </message>
    <message>
        <source>分时段：取号数与平均等候</source>
        <translation>By hour: tickets and average wait</translation>
    </message>
    <message>
        <source>办理量最多的事项</source>
        <translation>Most frequent procedures</translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）</source>
        <translation>{0}: {1} tickets, {2} visits, average wait {3}, average handling {4}, time in hall {5} ({6:.1f} s)</translation>
    </message>
    <message>
        <source>每日</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>{0}趋势：等候、办理、在厅时间（分钟）与服务达标率（%）</source>
        <translation>{0} trend: wait, handling, time in hall (min) and service level (%)</translation>
    </message>
    <message>
        <source>平均等候</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>P90 等候</source>
        <translation>Wait p90</translation>
    </message>
    <message>
        <source>平均办理</source>
        <translation>Average handling</translation>
    </message>
    <message>
        <source>办事总时长</source>
        <translation>Time in hall</translation>
    </message>
    <message>
        <source>服务达标率 %</source>
        <translation>Service level %</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>达标率 %</source>
        <translation>Service level %</translation>
    </message>
    <message>
        <source>取号数</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>平均等候（分钟）</source>
        <translation>Average wait (minutes)</translation>
    </message>
    <message>
        <source>日均取号</source>
        <translation>Tickets per day</translation>
    </message>
    <message>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <source>管理员PIN</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>PIN 不正确</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>户政</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>交管</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>输入名称、编号或拼音首字母（如 sfz）筛选；↓ 进入列表，空格勾选</source>
        <translation>Type a name, a code or pinyin initials (e.g. sfz) to filter; ↓ enters the list, Space ticks</translation>
    </message>
    <message>
        <source>已选：</source>
        <translation>Chosen: </translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>叫下一号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start the visit</translation>
    </message>
    <message>
        <source>转移…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>暂停叫号</source>
        <translation>Pause calling</translation>
    </message>
    <message>
        <source>%1 号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Being served</translation>
    </message>
    <message>
        <source>无当前号</source>
        <translation>No current ticket</translation>
    </message>
    <message>
        <source>重呼 %1 次</source>
        <translation>recalled %1 time(s)</translation>
    </message>
    <message>
        <source>已等候 %1</source>
        <translation>waited %1</translation>
    </message>
    <message>
        <source>已办理 %1</source>
        <translation>served %1</translation>
    </message>
    <message>
        <source>数据库暂时无法访问，请稍后重试</source>
        <translation>The database cannot be reached right now; try again shortly</translation>
    </message>
    <message>
        <source>没有等候的号</source>
        <translation>Nobody is waiting</translation>
    </message>
</context>
<context>
    <name>RateQueryPage</name>
    <message>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>请扫描回执二维码，或输入回执号和查询码（或身份证号后四位），对本次办事进行评价</source>
        <translation>Scan your receipt&apos;s QR code, or type its number and query code (or the last 4 of the ID number), to rate your visit</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>RatingPadWindow</name>
    <message>
        <source>服务评价</source>
        <translation>Rate our service</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <source>您对本次服务满意吗？</source>
        <translation>How satisfied are you with our service?</translation>
    </message>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>请选择不满意的原因（可多选）</source>
        <translation>Please choose what was wrong (one or more)</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <source>您的意见将帮助我们改进服务</source>
        <translation>Your feedback helps us improve</translation>
    </message>
</context>
<context>
    <name>RawExportDialog</name>
    <message>
        <source>导出完整个人信息</source>
        <translation>Export full personal data</translation>
    </message>
    <message>
        <source>导出文件含完整身份证号、电话、住址，仅限依法履职需要。事由、时段和导出人将记入审计日志。</source>
        <translation>The file holds full ID numbers, phone numbers and addresses: for lawful duties only. The reason, the period and who exported are written to the audit log.</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>截止日期（含）</source>
        <translation>To (inclusive)</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>保存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出 {0} 条办件记录。</source>
        <translation>{0} visits exported.</translation>
    </message>
</context>
<context>
    <name>ReceiptQueryPage</name>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>请输入回执上的8位查询码，或申请人身份证号码的后四位</source>
        <translation>Enter the 8-digit query code on the receipt, or the last four characters of the applicant's ID number</translation>
    </message>
    <message>
        <source>查询码或身份证号后四位</source>
        <translation>Query code or last 4 of ID</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>导出 Excel 报表</source>
        <translation>Export an Excel report</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>与对比期比较（如合并窗口前）</source>
        <translation>Compare with a baseline period (e.g. before the windows were merged)</translation>
    </message>
    <message>
        <source>对比期从</source>
        <translation>Baseline from</translation>
    </message>
    <message>
        <source>对比期到</source>
        <translation>Baseline to</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>保存报表</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>日期有误</source>
        <translation>Wrong dates</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <source>文件名有误</source>
        <translation>Wrong file name</translation>
    </message>
    <message>
        <source>请保存为 .xlsx 文件。</source>
        <translation>Save as an .xlsx file.</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>费用(元)</source>
        <translation>Fee (CNY)</translation>
    </message>
    <message>
        <source>承诺办结日期</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>缺少材料</source>
        <translation>Missing materials</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>申请人：</source>
        <translation>Applicant: </translation>
    </message>
    <message>
        <source>&#x3000;代办人：</source>
        <translation>  Proxy: </translation>
    </message>
    <message>
        <source>合计费用：</source>
        <translation>Total fee: </translation>
    </message>
    <message>
        <source>核对无误后按 Ctrl+Enter 办结并打印受理回执。</source>
        <translation>When everything is right, press Ctrl+Enter to finish and print the receipt.</translation>
    </message>
    <message>
        <source>已录入的内容（Alt+数字 或双击 回到该页修改）：</source>
        <translation>Everything entered (Alt+number or double-click goes back to that page):</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>录入内容</source>
        <translation>Entered</translation>
    </message>
</context>
<context>
    <name>ScreenStart</name>
    <message>
        <source>正在连接数据库…</source>
        <translation>Connecting to the database…</translation>
    </message>
</context>
<context>
    <name>Security</name>
    <message>
        <source>锁定终端</source>
        <translation>Lock the terminal</translation>
    </message>
    <message>
        <source>查询群众办件…</source>
        <translation>Search a citizen&apos;s visits…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>账号管理…</source>
        <translation>Accounts…</translation>
    </message>
    <message>
        <source>导出完整个人信息…</source>
        <translation>Export full personal data…</translation>
    </message>
    <message>
        <source>本机与大厅设置…</source>
        <translation>Terminal and hall settings…</translation>
    </message>
    <message>
        <source>操作员：</source>
        <translation>Operator: </translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>窗口（办件、叫号）</source>
        <translation>Counter window (visits, calling tickets)</translation>
    </message>
    <message>
        <source>自助机（取号、指南、查询、评价）</source>
        <translation>Kiosk (tickets, guides, status, ratings)</translation>
    </message>
    <message>
        <source>叫号屏（大厅显示屏）</source>
        <translation>Hall display (called tickets)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>串口/USB串口（安全模块协议）</source>
        <translation>Serial / USB serial (security module protocol)</translation>
    </message>
    <message>
        <source>厂商驱动（termb）</source>
        <translation>Vendor library (termb)</translation>
    </message>
    <message>
        <source>键盘输入式（直接输入号码）</source>
        <translation>Keyboard wedge (types the number)</translation>
    </message>
    <message>
        <source>（系统默认打印机）</source>
        <translation>(the system&apos;s default printer)</translation>
    </message>
    <message>
        <source>（不打印，仅保存PDF）</source>
        <translation>(none: save PDF only)</translation>
    </message>
    <message>
        <source>留空：本机 SQLite 文件；多终端：postgresql+psycopg://用户@服务器/counter</source>
        <translation>Empty: a SQLite file on this terminal; several terminals: postgresql+psycopg://user@server/counter</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>派出所（大厅）名称</source>
        <translation>Station (hall) name</translation>
    </message>
    <message>
        <source>本机与大厅设置</source>
        <translation>Terminal and hall settings</translation>
    </message>
    <message>
        <source>窗口号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <source>本窗口叫号类别</source>
        <translation>Ticket categories of this window</translation>
    </message>
    <message>
        <source>终端角色（启动方式）</source>
        <translation>Terminal role (starts as)</translation>
    </message>
    <message>
        <source>回执打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>号票打印机</source>
        <translation>Ticket slip printer</translation>
    </message>
    <message>
        <source>数据库地址</source>
        <translation>Database URL</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <source>阅读器端口 / 波特率</source>
        <translation>Reader port / baud rate</translation>
    </message>
    <message>
        <source>本机设置保存在本机的 settings.toml 中，下次启动程序时生效。</source>
        <translation>This terminal&apos;s settings are saved in its settings.toml and take effect the next time the program starts.</translation>
    </message>
    <message>
        <source>本机设置只有系统管理员可以修改。</source>
        <translation>Only an administrator can change this terminal&apos;s settings.</translation>
    </message>
    <message>
        <source>本机（仅此终端）</source>
        <translation>This terminal</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This terminal</translation>
    </message>
    <message>
        <source>本大厅</source>
        <translation>This hall</translation>
    </message>
    <message>
        <source>0（优先号总是先叫）</source>
        <translation>0 (priority tickets always first)</translation>
    </message>
    <message>
        <source>如 12345 或 010-12345678</source>
        <translation>e.g. 12345 or 010-12345678</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>如 https://… ；留空：回执上不印评价二维码</source>
        <translation>e.g. https://…; empty: no rating QR code on the receipt</translation>
    </message>
    <message>
        <source>留空：本所大厅</source>
        <translation>Empty: the station&apos;s hall</translation>
    </message>
    <message>
        <source>连续优先叫号上限</source>
        <translation>Priority tickets in a row (at most)</translation>
    </message>
    <message>
        <source>管理目标（所领导看板）</source>
        <translation>Management targets (dashboard)</translation>
    </message>
    <message>
        <source>预约迟到宽限</source>
        <translation>Appointment grace period</translation>
    </message>
    <message>
        <source>每时段预约数（按类别）</source>
        <translation>Bookings per slot (per queue)</translation>
    </message>
    <message>
        <source>本机设置已保存；本大厅的设置未能保存：{0}</source>
        <translation>This terminal&apos;s settings are saved; the hall&apos;s settings are not: {0}</translation>
    </message>
    <message>
        <source>本大厅的设置未能保存：{0}</source>
        <translation>The hall&apos;s settings are not saved: {0}</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>监督电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <source>补正材料期限</source>
        <translation>Days to bring missing materials</translation>
    </message>
    <message>
        <source>好差评地址</source>
        <translation>Rating address</translation>
    </message>
    <message>
        <source>领取地点</source>
        <translation>Pick-up place</translation>
    </message>
    <message>
        <source>本大厅（所有终端）</source>
        <translation>This hall (all terminals)</translation>
    </message>
    <message>
        <source>正在读取本大厅的设置…</source>
        <translation>Reading the hall&apos;s settings…</translation>
    </message>
    <message>
        <source>本大厅的设置只有管理人员或系统管理员可以修改。</source>
        <translation>Only a manager or an administrator can change the hall&apos;s settings.</translation>
    </message>
    <message>
        <source>本大厅尚未统一保存这些设置：显示的是本机 settings.toml 中的值，保存后大厅所有终端都使用这些值。</source>
        <translation>The hall has not saved these settings yet: shown are the values in this terminal&apos;s settings.toml; once saved, every terminal of the hall uses them.</translation>
    </message>
    <message>
        <source>保存在数据库中，大厅所有终端共用；其他终端在下次登录或启动时使用新值。</source>
        <translation>Saved in the database and shared by every terminal of the hall; other terminals use new values at their next login or start.</translation>
    </message>
    <message>
        <source>无法读取本大厅的设置（数据库未连接），暂不能修改。</source>
        <translation>The hall&apos;s settings cannot be read (no database connection); they cannot be changed now.</translation>
    </message>
    <message>
        <source>如 /dev/ttyUSB0、COM3；厂商驱动填端口号（USB 为 1001）</source>
        <translation>e.g. /dev/ttyUSB0, COM3; vendor library: its port number (USB is 1001)</translation>
    </message>
    <message>
        <source>{0}（未找到）</source>
        <translation>{0} (not found)</translation>
    </message>
    <message>
        <source> 分内叫号</source>
        <translation> min to call</translation>
    </message>
    <message>
        <source>% 达标</source>
        <translation>% on time</translation>
    </message>
    <message>
        <source> 分在厅</source>
        <translation> min in hall</translation>
    </message>
    <message>
        <source>% 好评</source>
        <translation>% satisfied</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>请至少选择一个叫号类别</source>
        <translation>Choose at least one ticket category</translation>
    </message>
    <message>
        <source>设置未能保存：{0}</source>
        <translation>The settings could not be saved: {0}</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>自助机设置</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <source>新PIN（4–12位数字，留空不改）</source>
        <translation>New PIN (4–12 digits, empty: unchanged)</translation>
    </message>
    <message>
        <source>无操作返回首页（秒）</source>
        <translation>Back home after idle (seconds)</translation>
    </message>
    <message>
        <source>号票打印机</source>
        <translation>Ticket printer</translation>
    </message>
    <message>
        <source>（不打印，仅保存PDF）</source>
        <translation>(none: save PDF only)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>退出自助机</source>
        <translation>Exit kiosk</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>StatusQueryPage</name>
    <message>
        <source>进度查询</source>
        <translation>Check status</translation>
    </message>
    <message>
        <source>请将回执上的二维码或条码对准扫描口，或输入回执号</source>
        <translation>Scan the QR code or barcode on your receipt, or type its number</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Check</translation>
    </message>
</context>
<context>
    <name>StatusResultPage</name>
    <message>
        <source>进度查询</source>
        <translation>Check status</translation>
    </message>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <source>可领取</source>
        <translation>Ready for collection</translation>
    </message>
    <message>
        <source>领取地点</source>
        <translation>Collect at</translation>
    </message>
    <message>
        <source>请携带</source>
        <translation>Bring</translation>
    </message>
    <message>
        <source>需补正材料</source>
        <translation>Still to bring</translation>
    </message>
    <message>
        <source>送交地点</source>
        <translation>Bring them to</translation>
    </message>
    <message>
        <source>请在此日期前补齐</source>
        <translation>Bring them by</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>TerminalLock</name>
    <message>
        <source>无法连接数据库，暂不能解锁</source>
        <translation>The database cannot be reached: unlocking is not possible yet</translation>
    </message>
</context>
<context>
    <name>TicketChoicePage</name>
    <message>
        <source>请选择业务类别</source>
        <translation>Choose the kind of service</translation>
    </message>
</context>
<context>
    <name>TicketDonePage</name>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>您的号码</source>
        <translation>Your number</translation>
    </message>
    <message>
        <source>前面还有 {n} 人等候</source>
        <translation>{n} waiting ahead of you</translation>
    </message>
    <message>
        <source>号票打印失败，请记住您的号码或到咨询台求助</source>
        <translation>The slip could not be printed: remember your number or ask at the help desk</translation>
    </message>
    <message>
        <source>请取走号票，留意大厅显示屏和语音叫号</source>
        <translation>Please take your slip and watch the display</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Being served</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>on target</translation>
    </message>
    <message>
        <source>接近</source>
        <translation>near target</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>off target</translation>
    </message>
    <message>
        <source>等候 {0} {1}</source>
        <translation>Waiting {0} {1}</translation>
    </message>
    <message>
        <source>当前最长等候</source>
        <translation>Longest wait now</translation>
    </message>
    <message>
        <source>今日平均等候</source>
        <translation>Average wait today</translation>
    </message>
    <message>
        <source>今日平均办理</source>
        <translation>Average handling today</translation>
    </message>
    <message>
        <source>今日取号 / 办件</source>
        <translation>Tickets / visits today</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>窗口状态</source>
        <translation>Windows</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>当前号</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>号状态</source>
        <translation>Ticket status</translation>
    </message>
    <message>
        <source>已用时</source>
        <translation>Elapsed</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>今日办件</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <source>人员今日办件</source>
        <translation>Visits per clerk today</translation>
    </message>
    <message>
        <source>办件数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>平均办理</source>
        <translation>Average handling</translation>
    </message>
    <message>
        <source>更新于 {0}（{1} ms）</source>
        <translation>Updated at {0} ({1} ms)</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>转移 %1</source>
        <translation>Transfer %1</translation>
    </message>
    <message>
        <source>保留原取号时间（排队位置不变）。转到其他类别会换新号，请重新打印号票。</source>
        <translation>The original ticket time is kept (same place in the queue). Another category gives a new number: print a new slip.</translation>
    </message>
    <message>
        <source>转到类别</source>
        <translation>To a category</translation>
    </message>
    <message>
        <source>转到窗口</source>
        <translation>To a window</translation>
    </message>
</context>
<context>
    <name>UncollectedDialog</name>
    <message>
        <source>未领取清单</source>
        <translation>Uncollected items</translation>
    </message>
    <message>
        <source>待领取超过（天）</source>
        <translation>Ready for more than (days)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>发送提醒短信 (&amp;M)</source>
        <translation>Send a re&amp;minder SMS</translation>
    </message>
    <message>
        <source>联系情况，如：电话空号，已联系社区</source>
        <translation>What you found out, e.g. number not in service, community contacted</translation>
    </message>
    <message>
        <source>记录情况</source>
        <translation>Save note</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>共 {0} 件</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>提醒短信已排队</source>
        <translation>Reminder SMS queued</translation>
    </message>
    <message>
        <source>情况已记录</source>
        <translation>Note saved</translation>
    </message>
</context>
<context>
    <name>UncollectedModel</name>
    <message>
        <source>回执号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>到证日期</source>
        <translation>Arrived on</translation>
    </message>
    <message>
        <source>已等天数</source>
        <translation>Days waiting</translation>
    </message>
    <message>
        <source>已发通知</source>
        <translation>Notices sent</translation>
    </message>
    <message>
        <source>上次提醒</source>
        <translation>Last reminder</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>管理人员</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>须改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>账号管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Deactivate / reactivate</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>修改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>新建账号（首次登录须修改密码）</source>
        <translation>New account (password change at first login)</translation>
    </message>
    <message>
        <source>辅警（回执上注明责任民警）</source>
        <translation>Auxiliary officer (the receipt names the responsible officer)</translation>
    </message>
    <message>
        <source>责任民警的用户名</source>
        <translation>User name of the responsible officer</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>警号</source>
        <translation>Badge number</translation>
    </message>
    <message>
        <source>责任民警</source>
        <translation>Responsible officer</translation>
    </message>
    <message>
        <source>无法连接数据库，请稍后重试</source>
        <translation>The database cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>已创建账号 {0}，首次登录须修改密码</source>
        <translation>Account {0} created; the password must be changed at the first login</translation>
    </message>
    <message>
        <source>已更新 {0}</source>
        <translation>{0} updated</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码，下次登录须修改</source>
        <translation>Password of {0} reset; it must be changed at the next login</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>{0} 的临时密码：</source>
        <translation>Temporary password for {0}:</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
</context>
<context>
    <name>VisitWizard</name>
    <message>
        <source>按 F2 叫下一号，或按 F5 新建办件</source>
        <translation>Press F2 to call the next number, or F5 for a new visit</translation>
    </message>
    <message>
        <source>选择办理事项（户政、交管可同时选择）</source>
        <translation>Choose the procedures (household and traffic together if needed)</translation>
    </message>
    <message>
        <source>材料核对</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>复核：本次办理的全部事项</source>
        <translation>Review: every item of this visit</translation>
    </message>
    <message>
        <source>第 {0}/{1} 步</source>
        <translation>Step {0}/{1}</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>请更正标红的项目：</source>
        <translation>Correct the fields marked red: </translation>
    </message>
    <message>
        <source>有 {0} 项需要更正，见标红处</source>
        <translation>{0} fields need correcting (marked red)</translation>
    </message>
</context>
<context>
    <name>WhereTimeGoes</name>
    <message>
        <source>事项</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>页面</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>办件数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>用时中位数</source>
        <translation>Median time</translation>
    </message>
    <message>
        <source>用时P90</source>
        <translation>Time p90</translation>
    </message>
    <message>
        <source>带错返回率</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Gone back to</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>错误次数</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>更正次数</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>标准时长</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>超标准比例</source>
        <translation>Over standard</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>办理中位数</source>
        <translation>Median handling</translation>
    </message>
    <message>
        <source>用时/标准</source>
        <translation>Time / standard</translation>
    </message>
    <message>
        <source>超标准办件</source>
        <translation>Visits over standard</translation>
    </message>
    <message>
        <source>字段错误</source>
        <translation>Field errors</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>WhereTimeGoesTab</name>
    <message>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>最慢的十个页面</source>
        <translation>The ten slowest pages</translation>
    </message>
    <message>
        <source>错误最多的字段</source>
        <translation>Fields with the most errors</translation>
    </message>
    <message>
        <source>按事项：用时与标准办理时长</source>
        <translation>By procedure: time against the standard</translation>
    </message>
    <message>
        <source>按人员</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>{0}：{1} 个页面，{2} 个字段有错误</source>
        <translation>{0}: {1} pages, {2} fields with errors</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>Could not read: </translation>
    </message>
</context>
</TS>
