<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>Announcer</name>
    <message>
        <source>没有语音引擎，叫号只有提示音 · No speech engine: calls are a chime only</source>
        <translation>没有语音引擎，叫号只有提示音 · No speech engine: calls are a chime only</translation>
    </message>
    <message>
        <source>语音引擎 %1 没有中文（普通话）语音，叫号只有提示音 · Speech engine %1 has no Mandarin voice: calls are a chime only</source>
        <translation>语音引擎 %1 没有中文（普通话）语音，叫号只有提示音 · Speech engine %1 has no Mandarin voice: calls are a chime only</translation>
    </message>
    <message>
        <source>语音播报失败（%1），请检查音箱和语音引擎 · Speaking failed (%1): check the speakers and the speech engine</source>
        <translation>语音播报失败（%1），请检查音箱和语音引擎 · Speaking failed (%1): check the speakers and the speech engine</translation>
    </message>
</context>
<context>
    <name>CardReader</name>
    <message>
        <source>读卡</source>
        <translation>读卡</translation>
    </message>
    <message>
        <source>读代办人证件</source>
        <translation>读代办人证件</translation>
    </message>
    <message>
        <source>本机的阅读器直接把证件号码输入到号码栏：请点入号码栏后刷证</source>
        <translation>本机的阅读器直接把证件号码输入到号码栏：请点入号码栏后刷证</translation>
    </message>
    <message>
        <source>本机未设置身份证阅读器（本机设置 → 身份证阅读器）</source>
        <translation>本机未设置身份证阅读器（本机设置 → 身份证阅读器）</translation>
    </message>
    <message>
        <source>正在读卡…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <source>代办人</source>
        <translation>代办人</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>已读取{0}证件：{1}</source>
        <translation>已读取{0}证件：{1}</translation>
    </message>
    <message>
        <source>证件已过期</source>
        <translation>证件已过期</translation>
    </message>
    <message>
        <source>{0} 的居民身份证已于 {1} 过期，请核实身份并提示换领。</source>
        <translation>{0} 的居民身份证已于 {1} 过期，请核实身份并提示换领。</translation>
    </message>
    <message>
        <source>申请人证件号码：由阅读器输入</source>
        <translation>申请人证件号码：由阅读器输入</translation>
    </message>
    <message>
        <source>{0}（读卡）：{1}族　出生 {2}　签发机关 {3}　有效期 {4} 至 {5}</source>
        <translation>{0}（读卡）：{1}族　出生 {2}　签发机关 {3}　有效期 {4} 至 {5}</translation>
    </message>
    <message>
        <source>　证件已过期</source>
        <translation>　证件已过期</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>首次登录或密码被重置后，须先设置自己的新密码。</source>
        <translation>首次登录或密码被重置后，须先设置自己的新密码。</translation>
    </message>
    <message>
        <source>请输入原密码和新密码。</source>
        <translation>请输入原密码和新密码。</translation>
    </message>
    <message>
        <source>密码须为8-256位，且包含大写字母、小写字母、数字、符号中的三种。</source>
        <translation>密码须为8-256位，且包含大写字母、小写字母、数字、符号中的三种。</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>原密码</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>两次输入的新密码不一致</translation>
    </message>
</context>
<context>
    <name>CitizenSearchDialog</name>
    <message>
        <source>回执号</source>
        <translation>回执号</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>查询群众办件记录</source>
        <translation>查询群众办件记录</translation>
    </message>
    <message>
        <source>身份证号或回执号（可扫码）</source>
        <translation>身份证号或回执号（可扫码）</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>查询将记入审计日志。</source>
        <translation>查询将记入审计日志。</translation>
    </message>
    <message>
        <source>找到 {0} 条办件记录。</source>
        <translation>找到 {0} 条办件记录。</translation>
    </message>
    <message>
        <source>个人信息已按规定遮蔽。</source>
        <translation>个人信息已按规定遮蔽。</translation>
    </message>
</context>
<context>
    <name>ClerkStart</name>
    <message>
        <source>恢复未完成的办件</source>
        <translation>恢复未完成的办件</translation>
    </message>
    <message>
        <source>发现未完成的办件（申请人：{0}）。是否继续办理？
选“否”将丢弃该草稿。</source>
        <translation>发现未完成的办件（申请人：{0}）。是否继续办理？
选“否”将丢弃该草稿。</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>数据库连接中断，正在重连…</source>
        <translation>数据库连接中断，正在重连…</translation>
    </message>
    <message>
        <source>立即重试</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>{0} 秒后重试</source>
        <translation>{0} 秒后重试</translation>
    </message>
    <message>
        <source>正在重试…</source>
        <translation>正在重试…</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>创建系统管理员</source>
        <translation>创建系统管理员</translation>
    </message>
    <message>
        <source>这是一个新的数据库。请先创建系统管理员账号，之后由管理员创建窗口人员账号。</source>
        <translation>这是一个新的数据库。请先创建系统管理员账号，之后由管理员创建窗口人员账号。</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>年月日，如 20261123</source>
        <translation>年月日，如 20261123</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>叫号显示屏</source>
        <translation>叫号显示屏</translation>
    </message>
    <message>
        <source>请留意叫号，听到号码后到对应窗口办理 · Please go to the window when your number is called</source>
        <translation>请留意叫号，听到号码后到对应窗口办理 · Please go to the window when your number is called</translation>
    </message>
    <message>
        <source>正在叫号 Now calling</source>
        <translation>正在叫号 Now calling</translation>
    </message>
    <message>
        <source>已叫号码 Called</source>
        <translation>已叫号码 Called</translation>
    </message>
    <message>
        <source>窗口 Window</source>
        <translation>窗口 Window</translation>
    </message>
    <message>
        <source>正在办理 Now serving</source>
        <translation>正在办理 Now serving</translation>
    </message>
    <message>
        <source>等候 Waiting</source>
        <translation>等候 Waiting</translation>
    </message>
    <message>
        <source>%1 号</source>
        <translation>%1 号</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>重呼 Calling again</source>
        <translation>重呼 Calling again</translation>
    </message>
    <message>
        <source> 重呼</source>
        <translation> 重呼</translation>
    </message>
    <message>
        <source>→ %1 号窗口</source>
        <translation>→ %1 号窗口</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>正在导出报表…</source>
        <translation>正在导出报表…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>正在导出报表… {0} / {1} 行</source>
        <translation>正在导出报表… {0} / {1} 行</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>办事指南 — {0}</source>
        <translation>办事指南 — {0}</translation>
    </message>
    <message>
        <source>打印指南</source>
        <translation>打印指南</translation>
    </message>
    <message>
        <source>办事指南 {0}</source>
        <translation>办事指南 {0}</translation>
    </message>
</context>
<context>
    <name>ItemStatusDialog</name>
    <message>
        <source>办件状态：待领取 / 已领取</source>
        <translation>办件状态：待领取 / 已领取</translation>
    </message>
    <message>
        <source>回执号（可扫码）</source>
        <translation>回执号（可扫码）</translation>
    </message>
    <message>
        <source>扫描回执条码或输入回执号后按回车</source>
        <translation>扫描回执条码或输入回执号后按回车</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>办理事项</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>最后变更</source>
        <translation>最后变更</translation>
    </message>
    <message>
        <source>标记办理中/补正完成 (&amp;I)</source>
        <translation>标记办理中/补正完成 (&amp;I)</translation>
    </message>
    <message>
        <source>标记待领取 (&amp;R)</source>
        <translation>标记待领取 (&amp;R)</translation>
    </message>
    <message>
        <source>标记已领取 (&amp;L)</source>
        <translation>标记已领取 (&amp;L)</translation>
    </message>
    <message>
        <source>请群众评价 (&amp;P)</source>
        <translation>请群众评价 (&amp;P)</translation>
    </message>
    <message>
        <source>在面向群众的第二显示器上打开评价器</source>
        <translation>在面向群众的第二显示器上打开评价器</translation>
    </message>
    <message>
        <source>回执号 {0}　申请人 {1}　共 {2} 项</source>
        <translation>回执号 {0}　申请人 {1}　共 {2} 项</translation>
    </message>
    <message>
        <source>已标记为办理中</source>
        <translation>已标记为办理中</translation>
    </message>
    <message>
        <source>已标记为待领取</source>
        <translation>已标记为待领取</translation>
    </message>
    <message>
        <source>已标记为已领取</source>
        <translation>已标记为已领取</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>终端已锁定</source>
        <translation>终端已锁定</translation>
    </message>
    <message>
        <source>输入本人密码解锁，办理中的业务保持不变。其他人员登录时，原操作员的未完成办件将被挂起保存。</source>
        <translation>输入本人密码解锁，办理中的业务保持不变。其他人员登录时，原操作员的未完成办件将被挂起保存。</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>操作员：{0}（{1}）</source>
        <translation>操作员：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>一窗通办 — 登录</source>
        <translation>一窗通办 — 登录</translation>
    </message>
    <message>
        <source>一窗通办 户政·交管综合窗口</source>
        <translation>一窗通办 户政·交管综合窗口</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>演示模式 — 演示账号：</source>
        <translation>演示模式 — 演示账号：</translation>
    </message>
    <message>
        <source>{0}：{1} / {2}</source>
        <translation>{0}：{1} / {2}</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>一窗通办 — {0}号窗口</source>
        <translation>一窗通办 — {0}号窗口</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>操作员：</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>新建办件</source>
        <translation>新建办件</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>办结并打印回执</source>
        <translation>办结并打印回执</translation>
    </message>
    <message>
        <source>取消办件</source>
        <translation>取消办件</translation>
    </message>
    <message>
        <source>必需材料全部已收</source>
        <translation>必需材料全部已收</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <source>补打回执…</source>
        <translation>补打回执…</translation>
    </message>
    <message>
        <source>预览回执</source>
        <translation>预览回执</translation>
    </message>
    <message>
        <source>办件状态（待领取/已领取）…</source>
        <translation>办件状态（待领取/已领取）…</translation>
    </message>
    <message>
        <source>请群众评价</source>
        <translation>请群众评价</translation>
    </message>
    <message>
        <source>管理看板与报表…</source>
        <translation>管理看板与报表…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>办件(&amp;V)</source>
        <translation>办件(&amp;V)</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>叫号(&amp;Q)</source>
        <translation>叫号(&amp;Q)</translation>
    </message>
    <message>
        <source>排队叫号</source>
        <translation>排队叫号</translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <source>无号</source>
        <translation>无号</translation>
    </message>
    <message>
        <source>（未录入姓名）</source>
        <translation>（未录入姓名）</translation>
    </message>
    <message>
        <source>当前办件</source>
        <translation>当前办件</translation>
    </message>
    <message>
        <source>已用时 {0}</source>
        <translation>已用时 {0}</translation>
    </message>
    <message>
        <source>已叫 {0}：群众到窗口后按 F6 开始办理（F3 重呼，F4 过号）</source>
        <translation>已叫 {0}：群众到窗口后按 F6 开始办理（F3 重呼，F4 过号）</translation>
    </message>
    <message>
        <source>{0} 办理中：按 F5 为该号新建办件</source>
        <translation>{0} 办理中：按 F5 为该号新建办件</translation>
    </message>
    <message>
        <source>窗口已暂停叫号：按 F9 恢复，或按 F5 新建办件</source>
        <translation>窗口已暂停叫号：按 F9 恢复，或按 F5 新建办件</translation>
    </message>
    <message>
        <source>按 F2 叫下一号，或按 F5 新建办件</source>
        <translation>按 F2 叫下一号，或按 F5 新建办件</translation>
    </message>
    <message>
        <source>当前办件尚未办结</source>
        <translation>当前办件尚未办结</translation>
    </message>
    <message>
        <source>申请人 {0} 的办件尚未办结。
请先办结（Ctrl+Enter）或取消（Ctrl+W）；也可以暂存为草稿后叫下一号（草稿在下次登录时可恢复）。</source>
        <translation>申请人 {0} 的办件尚未办结。
请先办结（Ctrl+Enter）或取消（Ctrl+W）；也可以暂存为草稿后叫下一号（草稿在下次登录时可恢复）。</translation>
    </message>
    <message>
        <source>暂存并叫下一号</source>
        <translation>暂存并叫下一号</translation>
    </message>
    <message>
        <source>返回办件</source>
        <translation>返回办件</translation>
    </message>
    <message>
        <source>请先在事项列表中选中一个事项，再按 F1</source>
        <translation>请先在事项列表中选中一个事项，再按 F1</translation>
    </message>
    <message>
        <source>受理回执 {0}</source>
        <translation>受理回执 {0}</translation>
    </message>
    <message>
        <source>回执 {0} 正在送往打印机…</source>
        <translation>回执 {0} 正在送往打印机…</translation>
    </message>
    <message>
        <source>（系统默认）</source>
        <translation>（系统默认）</translation>
    </message>
    <message>
        <source>回执 {0} 已送往打印机 {1}</source>
        <translation>回执 {0} 已送往打印机 {1}</translation>
    </message>
    <message>
        <source>回执 {0} 未打印：{1}（回执已保存：Ctrl+P 重新打印，Ctrl+R 补打）</source>
        <translation>回执 {0} 未打印：{1}（回执已保存：Ctrl+P 重新打印，Ctrl+R 补打）</translation>
    </message>
    <message>
        <source>还没有可预览的回执：请先办结一个办件</source>
        <translation>还没有可预览的回执：请先办结一个办件</translation>
    </message>
    <message>
        <source>确定取消本次办件吗？已录入的内容不再办理，办件时间仍计入统计。</source>
        <translation>确定取消本次办件吗？已录入的内容不再办理，办件时间仍计入统计。</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <source>回执号（可扫码）：</source>
        <translation>回执号（可扫码）：</translation>
    </message>
    <message>
        <source>补打回执 {0}</source>
        <translation>补打回执 {0}</translation>
    </message>
    <message>
        <source>请先办结一个办件</source>
        <translation>请先办结一个办件</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>无法完成</translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <source>开放</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>接近</source>
        <translation>接近</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>一窗通办 — 所领导看板</source>
        <translation>一窗通办 — 所领导看板</translation>
    </message>
    <message>
        <source>今日实时</source>
        <translation>今日实时</translation>
    </message>
    <message>
        <source>统计分析</source>
        <translation>统计分析</translation>
    </message>
    <message>
        <source>分窗口 / 人员 / 评价</source>
        <translation>分窗口 / 人员 / 评价</translation>
    </message>
    <message>
        <source>时间去哪了</source>
        <translation>时间去哪了</translation>
    </message>
    <message>
        <source>导出 Excel 报表…</source>
        <translation>导出 Excel 报表…</translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <source>锁定终端</source>
        <translation>锁定终端</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>等候 {0} {1}</source>
        <translation>等候 {0} {1}</translation>
    </message>
    <message>
        <source>当前最长等候</source>
        <translation>当前最长等候</translation>
    </message>
    <message>
        <source>今日平均等候</source>
        <translation>今日平均等候</translation>
    </message>
    <message>
        <source>今日平均办理</source>
        <translation>今日平均办理</translation>
    </message>
    <message>
        <source>今日取号 / 办件</source>
        <translation>今日取号 / 办件</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>窗口状态</source>
        <translation>窗口状态</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>当前号</source>
        <translation>当前号</translation>
    </message>
    <message>
        <source>号状态</source>
        <translation>号状态</translation>
    </message>
    <message>
        <source>已用时</source>
        <translation>已用时</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>今日办件</source>
        <translation>今日办件</translation>
    </message>
    <message>
        <source>人员今日办件</source>
        <translation>人员今日办件</translation>
    </message>
    <message>
        <source>办件数</source>
        <translation>办件数</translation>
    </message>
    <message>
        <source>平均办理</source>
        <translation>平均办理</translation>
    </message>
    <message>
        <source>更新于 {0}（{1} ms）</source>
        <translation>更新于 {0}（{1} ms）</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>读取失败：</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>分时段：取号数与平均等候</source>
        <translation>分时段：取号数与平均等候</translation>
    </message>
    <message>
        <source>办理量最多的事项</source>
        <translation>办理量最多的事项</translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）</source>
        <translation>{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）</translation>
    </message>
    <message>
        <source>平均等候</source>
        <translation>平均等候</translation>
    </message>
    <message>
        <source>每日趋势</source>
        <translation>每日趋势</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>P90 等候</source>
        <translation>P90 等候</translation>
    </message>
    <message>
        <source>达标率</source>
        <translation>达标率</translation>
    </message>
    <message>
        <source>P90 办理</source>
        <translation>P90 办理</translation>
    </message>
    <message>
        <source>评价数</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>好评率</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>号票</source>
        <translation>号票</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>按窗口</source>
        <translation>按窗口</translation>
    </message>
    <message>
        <source>按人员</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>评价分布</source>
        <translation>评价分布</translation>
    </message>
    <message>
        <source>差评明细（1–2 分）</source>
        <translation>差评明细（1–2 分）</translation>
    </message>
    <message>
        <source>5 非常满意</source>
        <translation>5 非常满意</translation>
    </message>
    <message>
        <source>4 满意</source>
        <translation>4 满意</translation>
    </message>
    <message>
        <source>3 基本满意</source>
        <translation>3 基本满意</translation>
    </message>
    <message>
        <source>2 不满意</source>
        <translation>2 不满意</translation>
    </message>
    <message>
        <source>1 非常不满意</source>
        <translation>1 非常不满意</translation>
    </message>
    <message>
        <source>每日</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>{0}趋势：等候、办理、在厅时间（分钟）与服务达标率（%）</source>
        <translation>{0}趋势：等候、办理、在厅时间（分钟）与服务达标率（%）</translation>
    </message>
    <message>
        <source>办事总时长</source>
        <translation>办事总时长</translation>
    </message>
    <message>
        <source>服务达标率 %</source>
        <translation>服务达标率 %</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>达标率 %</source>
        <translation>达标率 %</translation>
    </message>
    <message>
        <source>取号数</source>
        <translation>取号数</translation>
    </message>
    <message>
        <source>平均等候（分钟）</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>日均取号</source>
        <translation>日均取号</translation>
    </message>
    <message>
        <source>事项数</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>已导出：{0}（{1} 行明细）</source>
        <translation>已导出：{0}（{1} 行明细）</translation>
    </message>
    <message>
        <source>已取消导出</source>
        <translation>已取消导出</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>逐项核对材料：收到的勾选“已收”，未带的标记“缺少”（该事项将为“需补正”）。</source>
        <translation>逐项核对材料：收到的勾选“已收”，未带的标记“缺少”（该事项将为“需补正”）。</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>已收</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>缺少</source>
        <translation>缺少</translation>
    </message>
</context>
<context>
    <name>OvertimeLabel</name>
    <message>
        <source>本窗口</source>
        <translation>本窗口</translation>
    </message>
    <message>
        <source>（另 {0} 条）</source>
        <translation>（另 {0} 条）</translation>
    </message>
</context>
<context>
    <name>OvertimePanel</name>
    <message>
        <source>超时提醒</source>
        <translation>超时提醒</translation>
    </message>
    <message>
        <source>暂无超时</source>
        <translation>暂无超时</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>读取失败：</translation>
    </message>
</context>
<context>
    <name>PdfPrintPreviewDialog</name>
    <message>
        <source>打印</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>送往打印机 {0} (Ctrl+P)</source>
        <translation>送往打印机 {0} (Ctrl+P)</translation>
    </message>
    <message>
        <source>（系统默认）</source>
        <translation>（系统默认）</translation>
    </message>
    <message>
        <source>正在送往打印机…</source>
        <translation>正在送往打印机…</translation>
    </message>
    <message>
        <source>已送往打印机 {0}</source>
        <translation>已送往打印机 {0}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>户政</source>
        <translation>户政</translation>
    </message>
    <message>
        <source>交管</source>
        <translation>交管</translation>
    </message>
    <message>
        <source>输入名称、编号或拼音首字母（如 sfz）筛选；↓ 进入列表，空格勾选</source>
        <translation>输入名称、编号或拼音首字母（如 sfz）筛选；↓ 进入列表，空格勾选</translation>
    </message>
    <message>
        <source>已选：</source>
        <translation>已选：</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>叫下一号</source>
        <translation>叫下一号</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>转移…</source>
        <translation>转移…</translation>
    </message>
    <message>
        <source>暂停叫号</source>
        <translation>暂停叫号</translation>
    </message>
    <message>
        <source>%1 号窗口</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>开放</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>未开放</source>
        <translation>未开放</translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>无当前号</source>
        <translation>无当前号</translation>
    </message>
    <message>
        <source>重呼 %1 次</source>
        <translation>重呼 %1 次</translation>
    </message>
    <message>
        <source>已等候 %1</source>
        <translation>已等候 %1</translation>
    </message>
    <message>
        <source>已办理 %1</source>
        <translation>已办理 %1</translation>
    </message>
    <message>
        <source>数据库暂时无法访问，请稍后重试</source>
        <translation>数据库暂时无法访问，请稍后重试</translation>
    </message>
    <message>
        <source>没有等候的号</source>
        <translation>没有等候的号</translation>
    </message>
</context>
<context>
    <name>RawExportDialog</name>
    <message>
        <source>导出完整个人信息</source>
        <translation>导出完整个人信息</translation>
    </message>
    <message>
        <source>导出文件含完整身份证号、电话、住址，仅限依法履职需要。事由、时段和导出人将记入审计日志。</source>
        <translation>导出文件含完整身份证号、电话、住址，仅限依法履职需要。事由、时段和导出人将记入审计日志。</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>截止日期（含）</source>
        <translation>截止日期（含）</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>保存为</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>已导出 {0} 条办件记录。</source>
        <translation>已导出 {0} 条办件记录。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>导出 Excel 报表</source>
        <translation>导出 Excel 报表</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>从</source>
        <translation>从</translation>
    </message>
    <message>
        <source>到</source>
        <translation>到</translation>
    </message>
    <message>
        <source>与对比期比较（如合并窗口前）</source>
        <translation>与对比期比较（如合并窗口前）</translation>
    </message>
    <message>
        <source>对比期从</source>
        <translation>对比期从</translation>
    </message>
    <message>
        <source>对比期到</source>
        <translation>对比期到</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>保存报表</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>日期有误</source>
        <translation>日期有误</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>文件名有误</source>
        <translation>文件名有误</translation>
    </message>
    <message>
        <source>请保存为 .xlsx 文件。</source>
        <translation>请保存为 .xlsx 文件。</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>编号</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>费用(元)</source>
        <translation>费用(元)</translation>
    </message>
    <message>
        <source>承诺办结日期</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>缺少材料</source>
        <translation>缺少材料</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>申请人：</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>　代办人：</source>
        <translation>　代办人：</translation>
    </message>
    <message>
        <source>合计费用：</source>
        <translation>合计费用：</translation>
    </message>
    <message>
        <source>核对无误后按 Ctrl+Enter 办结并打印受理回执。</source>
        <translation>核对无误后按 Ctrl+Enter 办结并打印受理回执。</translation>
    </message>
    <message>
        <source>已录入的内容（Alt+数字 或双击 回到该页修改）：</source>
        <translation>已录入的内容（Alt+数字 或双击 回到该页修改）：</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>录入内容</source>
        <translation>录入内容</translation>
    </message>
</context>
<context>
    <name>Security</name>
    <message>
        <source>锁定终端</source>
        <translation>锁定终端</translation>
    </message>
    <message>
        <source>查询群众办件…</source>
        <translation>查询群众办件…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>账号管理…</source>
        <translation>账号管理…</translation>
    </message>
    <message>
        <source>导出完整个人信息…</source>
        <translation>导出完整个人信息…</translation>
    </message>
    <message>
        <source>本机设置…</source>
        <translation>本机设置…</translation>
    </message>
    <message>
        <source>操作员：</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>窗口（办件、叫号）</source>
        <translation>窗口（办件、叫号）</translation>
    </message>
    <message>
        <source>自助机（取号、指南、查询、评价）</source>
        <translation>自助机（取号、指南、查询、评价）</translation>
    </message>
    <message>
        <source>叫号屏（大厅显示屏）</source>
        <translation>叫号屏（大厅显示屏）</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <source>串口/USB串口（安全模块协议）</source>
        <translation>串口/USB串口（安全模块协议）</translation>
    </message>
    <message>
        <source>厂商驱动（termb）</source>
        <translation>厂商驱动（termb）</translation>
    </message>
    <message>
        <source>键盘输入式（直接输入号码）</source>
        <translation>键盘输入式（直接输入号码）</translation>
    </message>
    <message>
        <source>本机设置</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>（系统默认打印机）</source>
        <translation>（系统默认打印机）</translation>
    </message>
    <message>
        <source>（不打印，仅保存PDF）</source>
        <translation>（不打印，仅保存PDF）</translation>
    </message>
    <message>
        <source>留空：本机 SQLite 文件；多终端：postgresql+psycopg://用户@服务器/counter</source>
        <translation>留空：本机 SQLite 文件；多终端：postgresql+psycopg://用户@服务器/counter</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>派出所（大厅）名称</source>
        <translation>派出所（大厅）名称</translation>
    </message>
    <message>
        <source>窗口号</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>本窗口叫号类别</source>
        <translation>本窗口叫号类别</translation>
    </message>
    <message>
        <source>终端角色（启动方式）</source>
        <translation>终端角色（启动方式）</translation>
    </message>
    <message>
        <source>回执打印机</source>
        <translation>回执打印机</translation>
    </message>
    <message>
        <source>号票打印机</source>
        <translation>号票打印机</translation>
    </message>
    <message>
        <source>数据库地址</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>阅读器端口 / 波特率</source>
        <translation>阅读器端口 / 波特率</translation>
    </message>
    <message>
        <source>管理目标（所领导看板）</source>
        <translation>管理目标（所领导看板）</translation>
    </message>
    <message>
        <source>设置保存在本机的 settings.toml 中，下次启动程序时生效。</source>
        <translation>设置保存在本机的 settings.toml 中，下次启动程序时生效。</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>如 /dev/ttyUSB0、COM3；厂商驱动填端口号（USB 为 1001）</source>
        <translation>如 /dev/ttyUSB0、COM3；厂商驱动填端口号（USB 为 1001）</translation>
    </message>
    <message>
        <source>{0}（未找到）</source>
        <translation>{0}（未找到）</translation>
    </message>
    <message>
        <source> 分内叫号</source>
        <translation> 分内叫号</translation>
    </message>
    <message>
        <source>% 达标</source>
        <translation>% 达标</translation>
    </message>
    <message>
        <source> 分在厅</source>
        <translation> 分在厅</translation>
    </message>
    <message>
        <source>% 好评</source>
        <translation>% 好评</translation>
    </message>
    <message>
        <source>请至少选择一个叫号类别</source>
        <translation>请至少选择一个叫号类别</translation>
    </message>
    <message>
        <source>设置未能保存：{0}</source>
        <translation>设置未能保存：{0}</translation>
    </message>
</context>
<context>
    <name>TerminalLock</name>
    <message>
        <source>无法连接数据库，暂不能解锁</source>
        <translation>无法连接数据库，暂不能解锁</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>转移 %1</source>
        <translation>转移 %1</translation>
    </message>
    <message>
        <source>保留原取号时间（排队位置不变）。转到其他类别会换新号，请重新打印号票。</source>
        <translation>保留原取号时间（排队位置不变）。转到其他类别会换新号，请重新打印号票。</translation>
    </message>
    <message>
        <source>转到类别</source>
        <translation>转到类别</translation>
    </message>
    <message>
        <source>转到窗口</source>
        <translation>转到窗口</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>窗口人员</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <source>管理人员</source>
        <translation>管理人员</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>须改密码</source>
        <translation>须改密码</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>账号管理</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>停用/启用</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>修改角色…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>新建账号（首次登录须修改密码）</source>
        <translation>新建账号（首次登录须修改密码）</translation>
    </message>
    <message>
        <source>辅警（回执上注明责任民警）</source>
        <translation>辅警（回执上注明责任民警）</translation>
    </message>
    <message>
        <source>责任民警的用户名</source>
        <translation>责任民警的用户名</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>警号</source>
        <translation>警号</translation>
    </message>
    <message>
        <source>责任民警</source>
        <translation>责任民警</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <source>已创建账号 {0}，首次登录须修改密码</source>
        <translation>已创建账号 {0}，首次登录须修改密码</translation>
    </message>
    <message>
        <source>已更新 {0}</source>
        <translation>已更新 {0}</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码，下次登录须修改</source>
        <translation>已重置 {0} 的密码，下次登录须修改</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>{0} 的临时密码：</source>
        <translation>{0} 的临时密码：</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>修改角色</translation>
    </message>
</context>
<context>
    <name>VisitWizard</name>
    <message>
        <source>按 F2 叫下一号，或按 F5 新建办件</source>
        <translation>按 F2 叫下一号，或按 F5 新建办件</translation>
    </message>
    <message>
        <source>选择办理事项（户政、交管可同时选择）</source>
        <translation>选择办理事项（户政、交管可同时选择）</translation>
    </message>
    <message>
        <source>材料核对</source>
        <translation>材料核对</translation>
    </message>
    <message>
        <source>复核：本次办理的全部事项</source>
        <translation>复核：本次办理的全部事项</translation>
    </message>
    <message>
        <source>第 {0}/{1} 步</source>
        <translation>第 {0}/{1} 步</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>复核</source>
        <translation>复核</translation>
    </message>
    <message>
        <source>请更正标红的项目：</source>
        <translation>请更正标红的项目：</translation>
    </message>
    <message>
        <source>有 {0} 项需要更正，见标红处</source>
        <translation>有 {0} 项需要更正，见标红处</translation>
    </message>
</context>
<context>
    <name>WhereTimeGoes</name>
    <message>
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>页面</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>办件数</source>
        <translation>办件数</translation>
    </message>
    <message>
        <source>用时中位数</source>
        <translation>用时中位数</translation>
    </message>
    <message>
        <source>用时P90</source>
        <translation>用时P90</translation>
    </message>
    <message>
        <source>带错返回率</source>
        <translation>带错返回率</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>错误次数</source>
        <translation>错误次数</translation>
    </message>
    <message>
        <source>更正次数</source>
        <translation>更正次数</translation>
    </message>
    <message>
        <source>标准时长</source>
        <translation>标准时长</translation>
    </message>
    <message>
        <source>事项数</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>超标准比例</source>
        <translation>超标准比例</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>办理中位数</source>
        <translation>办理中位数</translation>
    </message>
    <message>
        <source>用时/标准</source>
        <translation>用时/标准</translation>
    </message>
    <message>
        <source>超标准办件</source>
        <translation>超标准办件</translation>
    </message>
    <message>
        <source>字段错误</source>
        <translation>字段错误</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>WhereTimeGoesTab</name>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>统计期</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>最慢的十个页面</source>
        <translation>最慢的十个页面</translation>
    </message>
    <message>
        <source>错误最多的字段</source>
        <translation>错误最多的字段</translation>
    </message>
    <message>
        <source>按事项：用时与标准办理时长</source>
        <translation>按事项：用时与标准办理时长</translation>
    </message>
    <message>
        <source>按人员</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>{0}：{1} 个页面，{2} 个字段有错误</source>
        <translation>{0}：{1} 个页面，{2} 个字段有错误</translation>
    </message>
    <message>
        <source>读取失败：</source>
        <translation>读取失败：</translation>
    </message>
</context>
</TS>