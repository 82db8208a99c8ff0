<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>Charts</name>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="42" />
      <source>Admitted</source>
      <translation>已收录</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="43" />
      <source>Quarantined</source>
      <translation>已隔离</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="44" />
      <source>Refused</source>
      <translation>已拒收</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="45" />
      <source>Purged</source>
      <translation>已清除</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="52" />
      <source>No credentials</source>
      <translation>无内容凭证</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="53" />
      <source>Valid</source>
      <translation>有效</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="54" />
      <source>Trusted</source>
      <translation>可信</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="55" />
      <source>Invalid</source>
      <translation>无效</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="56" />
      <source>Unreadable</source>
      <translation>无法读取</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="57" />
      <source>Remote manifest</source>
      <translation>远程清单</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="92" />
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="93" />
      <source>Due within 7 days</source>
      <translation>7 天内到期</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/widgets/charts.py" line="94" />
      <source>Due later</source>
      <translation>稍后到期</translation>
    </message>
  </context>
  <context>
    <name>CorporaPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="35" />
      <source>Corpora &amp; items</source>
      <translation>语料库与条目</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="38" />
      <source>No corpora yet. This screen will register a corpus (a folder, WebDataset tar shards, JSONL or Parquet), ingest it with progress and cancel, and list every item with its status, Content Credentials, training permissions and ledger entry. It opens when the ingest service is available.</source>
      <translation>尚无语料库。此界面将用于登记语料库（文件夹、WebDataset tar 分片、JSONL 或 Parquet），以可显示进度、可取消的方式导入，并列出每个条目及其状态、内容凭证、训练许可和账本记录。导入服务就绪后即可使用。</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="128" />
      <source>No corpora yet — register one in Corpora &amp; items.</source>
      <translation>尚无语料库 —— 请在“语料库与条目”中登记一个。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="136" />
      <source>No items yet — C2PA coverage appears after the first ingest.</source>
      <translation>尚无条目 —— 首次导入后将显示 C2PA 覆盖情况。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="143" />
      <source>AI-generated items: {share:.1f} %</source>
      <translation>AI 生成的条目：{share:.1f} %</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="148" />
      <source>No takedown requests yet — open one in Takedowns.</source>
      <translation>尚无下架请求 —— 请在“下架请求”中新建一个。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="157" />
      <source>Dashboard</source>
      <translation>概览</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="158" />
      <source>Ledger health</source>
      <translation>账本状态</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="159" />
      <source>Entries:</source>
      <translation>记录数：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="160" />
      <source>Last checkpoint:</source>
      <translation>最新检查点：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="161" />
      <source>Last full verification:</source>
      <translation>上次完整验证：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="162" />
      <source>Items by status</source>
      <translation>按状态统计条目</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="163" />
      <source>C2PA coverage</source>
      <translation>C2PA 覆盖情况</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="164" />
      <source>Open requests by due date</source>
      <translation>按截止日期统计未结请求</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="182" />
      <source>No ledger yet — create it on the Ledger screen.</source>
      <translation>尚无账本 —— 请在“账本”界面创建。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="194" />
      <source>none yet</source>
      <translation>暂无</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="197" />
      <source>size {size}, signed {when}</source>
      <translation>大小 {size}，签名于 {when}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="203" />
      <source>never — verify it on the Ledger screen.</source>
      <translation>从未验证 —— 请在“账本”界面验证。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="206" />
      <source>passed</source>
      <translation>通过</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/dashboard.py" line="206" />
      <source>FAILED</source>
      <translation>失败</translation>
    </message>
  </context>
  <context>
    <name>ErrorReportDialog</name>
    <message>
      <location filename="../../ledger_app/ui/errors.py" line="35" />
      <source>Unexpected error</source>
      <translation>意外错误</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/errors.py" line="39" />
      <source>Something went wrong that the application did not expect. Please send this report to support.</source>
      <translation>发生了应用程序未预料到的错误。请将此报告发送给技术支持。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/errors.py" line="49" />
      <source>Copy report</source>
      <translation>复制报告</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../ledger_app/ui/errors.py" line="77" />
      <source>Cannot do that</source>
      <translation>无法执行此操作</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="35" />
      <source>Welcome to Provenance Ledger</source>
      <translation>欢迎使用 Provenance Ledger</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="37" />
      <source>Your workspace has been created at {path}.</source>
      <translation>已在 {path} 创建您的工作区。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="44" />
      <source>Start with an empty workspace</source>
      <translation>从空工作区开始</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="50" />
      <source>Would you like to build a demo workspace with sample corpora, takedowns and certificates, so that every screen has something to show? It takes about a minute.</source>
      <translation>是否构建一个包含示例语料库、下架请求和证书的演示工作区，让每个界面都有内容可看？大约需要一分钟。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="54" />
      <source>Build and open the demo</source>
      <translation>构建并打开演示</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/first_run.py" line="59" />
      <source>The demo workspace is not available in this version yet, so the workspace starts empty.</source>
      <translation>此版本尚未提供演示工作区，因此工作区为空。</translation>
    </message>
  </context>
  <context>
    <name>LedgerEntryModel</name>
    <message>
      <location filename="../../ledger_app/ui/models/ledger.py" line="47" />
      <source>Index</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/models/ledger.py" line="47" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/models/ledger.py" line="47" />
      <source>Recorded</source>
      <translation>记录时间</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/models/ledger.py" line="47" />
      <source>Summary</source>
      <translation>摘要</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/models/ledger.py" line="47" />
      <source>Leaf hash</source>
      <translation>叶哈希</translation>
    </message>
  </context>
  <context>
    <name>LedgerPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="235" />
      <source>Ledger</source>
      <translation>账本</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="237" />
      <source>This workspace has no ledger yet. Create one to start recording corpora, takedowns and certificates.</source>
      <translation>此工作区尚无账本。创建账本后即可开始记录语料库、下架请求和证书。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="239" />
      <source>Create the ledger</source>
      <translation>创建账本</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="240" />
      <source>Verify the whole ledger</source>
      <translation>验证整个账本</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="242" />
      <source>Recompute every hash and check every signed checkpoint from the stored bytes.</source>
      <translation>根据存储的字节重新计算每个哈希，并检查每个已签名的检查点。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="244" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="245" />
      <source>Go to entry:</source>
      <translation>跳转到记录：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="246" />
      <source>A memo to record in the ledger, e.g. “court order received by post”</source>
      <translation>要记入账本的备注，例如“已通过邮寄收到法院命令”</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="247" />
      <source>Record note</source>
      <translation>记录备注</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="248" />
      <source>Entry</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="249" />
      <source>Checkpoint and key</source>
      <translation>检查点与密钥</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="250" />
      <source>Consistency proof</source>
      <translation>一致性证明</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="251" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="252" />
      <source>Copy checkpoint</source>
      <translation>复制检查点</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="253" />
      <source>Copy public key</source>
      <translation>复制公钥</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="254" />
      <source>Latest signed checkpoint:</source>
      <translation>最新的已签名检查点：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="255" />
      <source>Public key (verifier key):</source>
      <translation>公钥（验证密钥）：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="258" />
      <source>A consistency proof shows that the ledger of the new size extends the ledger of the old size without rewriting it. Auditors check it against two checkpoints they kept.</source>
      <translation>一致性证明表明，新大小的账本是在旧大小账本的基础上追加而来，未经改写。审计人员可用自己保存的两个检查点核对它。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="262" />
      <source>Old size:</source>
      <translation>旧大小：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="263" />
      <source>New size:</source>
      <translation>新大小：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="264" />
      <source>Export consistency proof…</source>
      <translation>导出一致性证明…</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="270" />
      <location filename="../../ledger_app/ui/pages/ledger.py" line="290" />
      <source>Select an entry to see its payload and inclusion proof.</source>
      <translation>选择一条记录以查看其内容和包含证明。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="305" />
      <source>{n} entries</source>
      <translation>{n} 条记录</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="346" />
      <source>Entry {index}</source>
      <translation>记录 {index}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="347" />
      <source>Type: {type}</source>
      <translation>类型：{type}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="348" />
      <source>Recorded: {ts}</source>
      <translation>记录时间：{ts}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="349" />
      <source>Actor commitment: {actor}</source>
      <translation>操作者承诺值：{actor}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="350" />
      <source>Leaf hash: {hash}</source>
      <translation>叶哈希：{hash}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="352" />
      <source>Payload:</source>
      <translation>内容：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="359" />
      <source>Inclusion proof in the tree of {size} entries:</source>
      <translation>在包含 {size} 条记录的树中的包含证明：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="360" />
      <source>Root hash: {root}</source>
      <translation>根哈希：{root}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="364" />
      <source>  (empty: the tree has one entry)</source>
      <translation>  （为空：树中只有一条记录）</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="366" />
      <source>No inclusion proof: {reason}</source>
      <translation>无包含证明：{reason}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="382" />
      <source>Verifying…</source>
      <translation>正在验证…</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="402" />
      <source>%v of %m entries</source>
      <translation>%v / %m 条记录</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="408" />
      <source>The ledger is intact: {entries} entries and {checkpoints} signed checkpoints verified.</source>
      <translation>账本完好：已验证 {entries} 条记录和 {checkpoints} 个已签名检查点。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="420" />
      <source>Verification could not run.</source>
      <translation>无法执行验证。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="424" />
      <source>Verification failed: {reason}</source>
      <translation>验证失败：{reason}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="434" />
      <source>Verification cancelled; nothing was recorded.</source>
      <translation>验证已取消，未记录任何结果。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="486" />
      <source>Save consistency proof</source>
      <translation>保存一致性证明</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="486" />
      <source>JSON files (*.json)</source>
      <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/ledger.py" line="508" />
      <source>Consistency proof from size {old} to size {new} written to {path}.</source>
      <translation>从大小 {old} 到大小 {new} 的一致性证明已写入 {path}。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="112" />
      <source>Dashboard</source>
      <translation>概览</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="113" />
      <source>Corpora &amp; items</source>
      <translation>语料库与条目</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="114" />
      <source>Takedowns</source>
      <translation>下架请求</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="115" />
      <source>Rights check</source>
      <translation>权利核查</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="116" />
      <source>Ledger</source>
      <translation>账本</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="117" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="121" />
      <source>Provenance Ledger</source>
      <translation>Provenance Ledger 溯源账本</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="126" />
      <source>{screen} (Ctrl+{n})</source>
      <translation>{screen}（Ctrl+{n}）</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="137" />
      <source>No workspace open</source>
      <translation>未打开工作区</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="139" />
      <source>team database</source>
      <translation>团队数据库</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="140" />
      <source>Workspace: {where}</source>
      <translation>工作区：{where}</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="144" />
      <source>{n} background task(s) running</source>
      <translation>{n} 个后台任务正在运行</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="180" />
      <source>Building the demo workspace…</source>
      <translation>正在构建演示工作区…</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/mainwindow.py" line="180" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>Passphrase</name>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="121" />
      <source>No passphrase was given, so nothing was signed.</source>
      <translation>未提供口令，因此未签署任何内容。</translation>
    </message>
  </context>
  <context>
    <name>PassphraseDialog</name>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="31" />
      <source>Signing key passphrase</source>
      <translation>签名密钥口令</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="34" />
      <source>Choose a passphrase for the new signing key. You will need it to sign ledger entries.</source>
      <translation>请为新的签名密钥设置口令。签署账本记录时需要用到它。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="36" />
      <source>Enter the passphrase of the ledger's signing key.</source>
      <translation>请输入账本签名密钥的口令。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="44" />
      <source>Passphrase:</source>
      <translation>口令：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="48" />
      <source>Repeat:</source>
      <translation>再次输入：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="62" />
      <source>The passphrase cannot be empty.</source>
      <translation>口令不能为空。</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/passphrase.py" line="65" />
      <source>The two passphrases differ.</source>
      <translation>两次输入的口令不一致。</translation>
    </message>
  </context>
  <context>
    <name>RightsPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="82" />
      <source>Rights check</source>
      <translation>权利核查</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="85" />
      <source>Nothing to check yet. Here a rights holder's files, hashes or URLs will be checked against every corpus, with an answer per work (included, quarantined, purged on a date, or not found) and a signed report to export. It opens when the inclusion-check service is available.</source>
      <translation>暂无可核查的内容。此处将把权利人的文件、哈希或网址与所有语料库进行比对，逐一给出每件作品的结论（已收录、已隔离、已于某日清除或未找到），并可导出签名报告。包含性核查服务就绪后即可使用。</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="186" />
      <source>Acting user name (empty: the operating-system user):</source>
      <translation>操作用户名（留空：使用操作系统用户）：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="187" />
      <source>Quarantine items whose Content Credentials are invalid</source>
      <translation>隔离内容凭证无效的条目</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="188" />
      <source>Quarantine items whose manifest cannot be read</source>
      <translation>隔离清单无法读取的条目</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="189" />
      <source>Ingest worker processes (0: one per core):</source>
      <translation>导入工作进程数（0：每个核心一个）：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="190" />
      <source>Largest image accepted, in pixels:</source>
      <translation>可接受的最大图像（像素）：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="191" />
      <source>Image match: largest PDQ distance (0–256):</source>
      <translation>图像匹配：最大 PDQ 距离（0–256）：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="192" />
      <source>Text match: smallest containment score:</source>
      <translation>文本匹配：最低包含度分数：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="193" />
      <source>Days until a request without a legal deadline is due:</source>
      <translation>无法定期限的请求的处理天数：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="194" />
      <source>Four-eyes rule: the approver of a takedown must differ from its handler</source>
      <translation>四眼原则：下架请求的批准人必须不同于经办人</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="198" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="199" />
      <source>Workspace</source>
      <translation>工作区</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="200" />
      <source>Folder:</source>
      <translation>文件夹：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="201" />
      <source>the default per-user workspace</source>
      <translation>默认的个人工作区</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="202" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="203" />
      <source>Database URL:</source>
      <translation>数据库 URL：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="205" />
      <source>empty: the workspace's own SQLite database; team mode: postgresql://user@host/db</source>
      <translation>留空：使用工作区自带的 SQLite 数据库；团队模式：postgresql://user@host/db</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="207" />
      <source>Open workspace</source>
      <translation>打开工作区</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="209" />
      <source>Ledger and user</source>
      <translation>账本与用户</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="210" />
      <source>Content Credentials (C2PA)</source>
      <translation>内容凭证 (C2PA)</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="211" />
      <source>Ingest</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="212" />
      <source>Matching thresholds</source>
      <translation>匹配阈值</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="213" />
      <source>Takedowns</source>
      <translation>下架请求</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="217" />
      <source>Ledger origin:</source>
      <translation>账本来源标识：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="227" />
      <source>Save workspace settings</source>
      <translation>保存工作区设置</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="228" />
      <source>Preferences (this user)</source>
      <translation>偏好设置（当前用户）</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="229" />
      <source>Language:</source>
      <translation>语言：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="230" />
      <source>Theme:</source>
      <translation>主题：</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="231" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="231" />
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="231" />
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="242" />
      <source>Choose the workspace folder</source>
      <translation>选择工作区文件夹</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="261" />
      <source>(no ledger yet)</source>
      <translation>（尚无账本）</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/settings.py" line="289" />
      <source>Saved to {path}.</source>
      <translation>已保存到 {path}。</translation>
    </message>
  </context>
  <context>
    <name>TakedownsPage</name>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="58" />
      <source>Takedowns</source>
      <translation>下架请求</translation>
    </message>
    <message>
      <location filename="../../ledger_app/ui/pages/placeholders.py" line="61" />
      <source>No takedown requests yet. This screen will hold the queue of requests with their due dates, a form for new requests that checks the elements a DMCA notice needs, locating copies, the review of each match side by side, the purge, and the signed removal certificate. It opens when the takedown service is available.</source>
      <translation>尚无下架请求。此界面将包含带截止日期的请求队列、检查 DMCA 通知必备要素的新建请求表单、副本定位、逐项并排审核匹配结果、清除操作以及签名的删除证书。下架服务就绪后即可使用。</translation>
    </message>
  </context>
</TS>