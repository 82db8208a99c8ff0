<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AiActPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="78"/>
        <source>AI Act summary</source>
        <translation>AI 法案摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="89"/>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="96"/>
        <source>All corpora</source>
        <translation>全部语料</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="124"/>
        <source>Computing the summary…</source>
        <translation>正在计算摘要……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="87"/>
        <source>Issue signed summary…</source>
        <translation>签发签名摘要……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="86"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="138"/>
        <source>Preview (not signed): {n} training items; {a} statements to be attested by a person.</source>
        <translation>预览（未签名）：{n} 条训练条目；{a} 项待人工声明的事项。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="85"/>
        <source>SME variant (top 5% of domains or 1,000)</source>
        <translation>中小企业版（前 5% 的域名或 1,000 个）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="147"/>
        <source>Save the signed AI Act summary</source>
        <translation>保存签名的 AI 法案摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="178"/>
        <source>Signed summary written to {file} with its PDF and Markdown (ledger entry {entry}).</source>
        <translation>签名摘要已写入 {file}，并附 PDF 和 Markdown（账本条目 {entry}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="148"/>
        <source>Summaries (*.json)</source>
        <translation>摘要 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="84"/>
        <source>Summarise:</source>
        <translation>摘要范围：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="80"/>
        <source>The public summary of training content that the EU AI Act (Art. 53(1)(d)) asks of a general-purpose AI model&apos;s provider, following the European Commission&apos;s template. Every figure is computed from the ledger; what the ledger cannot prove is listed for a person to attest. The issued summary is signed and recorded, and anyone can verify it offline.</source>
        <translation>欧盟《人工智能法》（第 53(1)(d) 条）要求通用人工智能模型提供者公开的训练内容摘要，依据欧盟委员会的模板。所有数据均由账本计算得出；账本无法证明的事项列出，由人工声明。签发的摘要经过签名并记录在账本中，任何人都能离线验证。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="91"/>
        <location filename="../../ledger_app/ui/pages/ai_act.py" line="110"/>
        <source>Training run {model}</source>
        <translation>训练任务 {model}</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="185"/>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="186"/>
        <source>Refuse the request, with the reason recorded in the ledger.</source>
        <translation>驳回此请求，并把理由记入账本。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="187"/>
        <source>Extend deadline…</source>
        <translation>延长期限…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="188"/>
        <source>GDPR Art. 12(3): extend by up to two months, telling the requester why.</source>
        <translation>GDPR 第 12(3) 条：最多延长两个月，并告知请求人理由。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="189"/>
        <source>Close request</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="190"/>
        <source>The case is finished: close it.</source>
        <translation>此案已办结：将其关闭。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="191"/>
        <source>&amp;Assignee:</source>
        <translation>经办人(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="192"/>
        <source>nobody yet</source>
        <translation>尚未指派</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="193"/>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="194"/>
        <source>Assign to me</source>
        <translation>指派给我</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="195"/>
        <source>Original notice and documents</source>
        <translation>原始通知与文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="196"/>
        <source>Attach the original notice…</source>
        <translation>附上原始通知…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="197"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="198"/>
        <source>A note for the file, e.g. “called the requester”</source>
        <translation>案卷备注，例如“已致电请求人”</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="199"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="200"/>
        <source>Timeline (from the ledger)</source>
        <translation>时间线（来自账本）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="201"/>
        <source>Counter-notice…</source>
        <translation>反通知…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="202"/>
        <source>DMCA 512(g): the subscriber answers the removal.</source>
        <translation>DMCA 512(g)：用户对删除提出异议。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="203"/>
        <source>Forward to the claimant</source>
        <translation>转交主张人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="205"/>
        <source>Record that the counter-notice was sent to the claimant: the 10–14 business-day restore window starts.</source>
        <translation>记录反通知已发送给主张人：10–14 个工作日的恢复窗口开始计算。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="206"/>
        <source>Identity and refusal…</source>
        <translation>身份与拒绝…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="207"/>
        <source>GDPR: verify the requester&apos;s identity, or refuse on an Art. 17(3) ground.</source>
        <translation>GDPR：核实请求人身份，或依据第 17(3) 条的理由拒绝。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="208"/>
        <source>Ownership check…</source>
        <translation>所有权核查……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="210"/>
        <source>Record the evidence of ownership seen; a rights holder&apos;s request is purged only after it.</source>
        <translation>记录所见的所有权证据；权利人的请求只有在此之后才会清除。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="211"/>
        <source>Restore items…</source>
        <translation>恢复条目……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="213"/>
        <source>DMCA 512(g)(2)(C): once the window opens, re-admit the items from their retained copies, or record what must be re-acquired.</source>
        <translation>DMCA 512(g)(2)(C)：恢复期开始后，从保留的副本重新收录条目，或记录需要重新获取的内容。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="215"/>
        <source>Court action…</source>
        <translation>法院诉讼……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="217"/>
        <source>DMCA 512(g)(2)(C): the claimant filed an action seeking a court order; the items are not restored.</source>
        <translation>DMCA 512(g)(2)(C)：主张方已提起寻求法院命令的诉讼；条目不予恢复。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="218"/>
        <source>Recipients (Art. 19)…</source>
        <translation>接收方（第 19 条）……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="220"/>
        <source>GDPR Art. 19: the training runs, releases and mirrors that received the items; notify them.</source>
        <translation>GDPR 第 19 条：接收过这些条目的训练运行、数据集发布和镜像；通知它们。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="221"/>
        <source>Write a reply…</source>
        <translation>撰写回复……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="222"/>
        <source>A letter from a template, as an e-mail (.eml) and a PDF.</source>
        <translation>根据模板生成的信函，包括电子邮件（.eml）和 PDF。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="237"/>
        <source>Select a request in the queue, or open a new one.</source>
        <translation>请在队列中选择一个请求，或新建一个请求。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="272"/>
        <location filename="../../ledger_app/ui/pages/case.py" line="274"/>
        <location filename="../../ledger_app/ui/pages/case.py" line="276"/>
        <source>Requester</source>
        <translation>请求人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="274"/>
        <source>{kind} — personal data erased</source>
        <translation>{kind} —— 个人数据已删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="278"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="279"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="280"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="282"/>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="284"/>
        <source>Extended because</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="286"/>
        <source>Claimed work</source>
        <translation>主张的作品</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="294"/>
        <source>Due {date}: {left}.</source>
        <translation>截止 {date}：{left}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="297"/>
        <source>Was due {date}; the case is {status}.</source>
        <translation>原定截止 {date}；此案{status}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="305"/>
        <source>Close the rejected request.</source>
        <translation>关闭已驳回的请求。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="323"/>
        <source>(note erased)</source>
        <translation>（备注已删除）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="327"/>
        <source>No notes yet.</source>
        <translation>尚无备注。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="330"/>
        <source>(erased)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="331"/>
        <source>{name} — {role}, {size} bytes, SHA-256 {sha}…</source>
        <translation>{name} —— {role}，{size} 字节，SHA-256 {sha}…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="334"/>
        <source>No notice attached.</source>
        <translation>未附原始通知。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="339"/>
        <source>Ledger entries {entries}</source>
        <translation>账本条目 {entries}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="350"/>
        <source>{kind}: {desc} (SHA-256 {sha}…)</source>
        <translation>{kind}：{desc}（SHA-256 {sha}…）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="353"/>
        <source>(account commitment) {value}</source>
        <translation>（账号承诺值）{value}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/case.py" line="355"/>
        <source>{kind}: {value}</source>
        <translation>{kind}：{value}</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="42"/>
        <source>Admitted</source>
        <translation>已收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="43"/>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="44"/>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="45"/>
        <source>Purged</source>
        <translation>已清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="52"/>
        <source>No credentials</source>
        <translation>无内容凭证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="53"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="54"/>
        <source>Trusted</source>
        <translation>可信</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="55"/>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="56"/>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="57"/>
        <source>Remote manifest</source>
        <translation>远程清单</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="92"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="93"/>
        <source>Due within 7 days</source>
        <translation>7 天内到期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/charts.py" line="94"/>
        <source>Due later</source>
        <translation>稍后到期</translation>
    </message>
</context>
<context>
    <name>CorporaPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="134"/>
        <source>Corpora &amp; items</source>
        <translation>语料库与条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="135"/>
        <source>Corpus:</source>
        <translation>语料库：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="136"/>
        <source>Register corpus…</source>
        <translation>登记语料库…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="137"/>
        <source>Ingest</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="138"/>
        <source>Read every new item of the selected corpus into the ledger.</source>
        <translation>将所选语料库的每个新条目读入账本。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="139"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="141"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="143"/>
        <source>Any media type</source>
        <translation>任意媒体类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="143"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="144"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="145"/>
        <source>Any C2PA state</source>
        <translation>任意 C2PA 状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="147"/>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="148"/>
        <source>Search item ID, source URL or SHA-256 (Enter)</source>
        <translation>搜索条目 ID、来源 URL 或 SHA-256（回车）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="149"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="150"/>
        <source>C2PA manifest</source>
        <translation>C2PA 清单</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="151"/>
        <source>Ledger entry</source>
        <translation>账本记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="152"/>
        <source>Training permissions</source>
        <translation>训练许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="160"/>
        <source>Select an item to see its details.</source>
        <translation>选择一个条目以查看详情。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="170"/>
        <source>All corpora</source>
        <translation>全部语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="171"/>
        <source>{name} ({items} items, {fmt})</source>
        <translation>{name}（{items} 个条目，{fmt}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="203"/>
        <source>{n} items</source>
        <translation>{n} 个条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="227"/>
        <source>Registered corpus {name} ({fmt}, {shards} shards). Ingest it to read its items.</source>
        <translation>已登记语料库 {name}（{fmt}，{shards} 个分片）。导入后即可读取其条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="246"/>
        <source>Choose the corpus to ingest.</source>
        <translation>请选择要导入的语料库。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="250"/>
        <source>Ingesting {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="256"/>
        <source>Ingest cancelled; run it again to continue.</source>
        <translation>导入已取消；再次运行即可继续。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="58"/>
        <source>%v of %m shards</source>
        <translation>%v / %m 个分片</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="269"/>
        <source>Ingest cancelled after {n} new items; run it again to continue.</source>
        <translation>已导入 {n} 个新条目后取消；再次运行即可继续。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/page.py" line="271"/>
        <source>Ingested {new} new items in {sec:.1f} s ({skipped} shards unchanged). {by_status}</source>
        <translation>用时 {sec:.1f} 秒导入 {new} 个新条目（{skipped} 个分片未变）。{by_status}</translation>
    </message>
</context>
<context>
    <name>CorpusItemDetail</name>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="97"/>
        <source>No thumbnail (not an image, or purged)</source>
        <translation>无缩略图（不是图像，或已清除）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="100"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="101"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="102"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="103"/>
        <source>Media type</source>
        <translation>媒体类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="104"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="105"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="106"/>
        <source>Source URL</source>
        <translation>来源 URL</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="107"/>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="108"/>
        <source>C2PA</source>
        <translation>C2PA</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="110"/>
        <source>Signer</source>
        <translation>签名者</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="111"/>
        <source>AI-generated</source>
        <translation>AI 生成</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="111"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="111"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="118"/>
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="118"/>
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="118"/>
        <source>constrained</source>
        <translation>有限制</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="122"/>
        <source>None declared (no C2PA training-and-data-mining assertion).</source>
        <translation>未声明（无 C2PA 训练与数据挖掘断言）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="128"/>
        <source>Fingerprint store: shard manifest in ledger entry {index} (shard.manifest)</source>
        <translation>指纹库：分片清单位于账本条目 {index}（shard.manifest）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="130"/>
        <source>Leaf {leaf} of the {size} in the shard&apos;s tree; its proof in that tree:</source>
        <translation>分片树 {size} 个叶子中的第 {leaf} 个；它在该树中的证明：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="133"/>
        <source>The manifest entry&apos;s proof in the ledger (c2sp.org/tlog-proof):</source>
        <translation>清单条目在账本中的证明（c2sp.org/tlog-proof）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="137"/>
        <source>This item has no ledger entry.</source>
        <translation>此条目没有账本记录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="139"/>
        <source>Ledger entry {index} (item.ingested)</source>
        <translation>账本记录 {index}（item.ingested）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="143"/>
        <source>Inclusion proof in the tree of {size} entries:</source>
        <translation>在 {size} 条记录的树中的包含证明：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="144"/>
        <source>Leaf hash: {hash}</source>
        <translation>叶哈希：{hash}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="145"/>
        <source>Root hash: {root}</source>
        <translation>根哈希：{root}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/item_detail.py" line="149"/>
        <source>Metadata:</source>
        <translation>元数据：</translation>
    </message>
</context>
<context>
    <name>CounterNoticeDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="71"/>
        <source>Counter-notice for request #{id}</source>
        <translation>请求 #{id} 的反通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="72"/>
        <source>A counter-notification under 17 U.S.C. 512(g)(3) from the subscriber whose material was removed. The name, address and phone go to the erasable personal-data store; the ledger records which elements were given.</source>
        <translation>被删除内容的用户依据 17 U.S.C. 512(g)(3) 提交的反通知。姓名、地址和电话存入可删除的个人数据存储；账本只记录提供了哪些要素。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="84"/>
        <source>Signature (A):</source>
        <translation>签名 (A)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="85"/>
        <source>Material removed (B):</source>
        <translation>被删除的内容 (B)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="86"/>
        <source>Where it appeared (B):</source>
        <translation>原先所在位置 (B)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="87"/>
        <source>Name (D):</source>
        <translation>姓名 (D)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="87"/>
        <source>Address (D):</source>
        <translation>地址 (D)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="88"/>
        <source>Telephone (D):</source>
        <translation>电话 (D)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="88"/>
        <source>E-mail (for replies):</source>
        <translation>电子邮件（用于回复）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="93"/>
        <source>(C) Statement under penalty of perjury of a good-faith belief that the material was removed by mistake or misidentification</source>
        <translation>(C) 以伪证罪担保的声明：善意相信该内容因错误或误认而被删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="95"/>
        <source>(D) Consent to the jurisdiction of the Federal District Court</source>
        <translation>(D) 同意联邦地区法院的管辖</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="96"/>
        <source>(D) Acceptance of service of process from the claimant</source>
        <translation>(D) 接受主张人送达的法律文书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="105"/>
        <source>Record the counter-notice</source>
        <translation>记录反通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="110"/>
        <source>a signature, 512(g)(3)(A)</source>
        <translation>签名，512(g)(3)(A)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="111"/>
        <source>the material removed, 512(g)(3)(B)</source>
        <translation>被删除的内容，512(g)(3)(B)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="112"/>
        <source>where it appeared before removal, 512(g)(3)(B)</source>
        <translation>删除前所在位置，512(g)(3)(B)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="116"/>
        <source>the statement under penalty of perjury, 512(g)(3)(C)</source>
        <translation>以伪证罪担保的声明，512(g)(3)(C)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="117"/>
        <source>the subscriber&apos;s name, 512(g)(3)(D)</source>
        <translation>用户姓名，512(g)(3)(D)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="118"/>
        <source>the subscriber&apos;s address, 512(g)(3)(D)</source>
        <translation>用户地址，512(g)(3)(D)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="119"/>
        <source>the subscriber&apos;s telephone number, 512(g)(3)(D)</source>
        <translation>用户电话号码，512(g)(3)(D)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="123"/>
        <source>consent to jurisdiction, 512(g)(3)(D)</source>
        <translation>同意管辖，512(g)(3)(D)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="125"/>
        <source>acceptance of service of process, 512(g)(3)(D)</source>
        <translation>接受法律文书送达，512(g)(3)(D)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="130"/>
        <source>Still missing: {what}.</source>
        <translation>仍缺少：{what}。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="135"/>
        <source>No open requests: all {n} are certified, closed or rejected.</source>
        <translation>没有未结请求：全部 {n} 个均已出证、关闭或驳回。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="163"/>
        <source>No corpora yet — register one in Corpora &amp; items.</source>
        <translation>尚无语料库 —— 请在“语料库与条目”中登记一个。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="171"/>
        <source>No items yet — C2PA coverage appears after the first ingest.</source>
        <translation>尚无条目 —— 首次导入后将显示 C2PA 覆盖情况。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="178"/>
        <source>AI-generated items: {share:.1f} %</source>
        <translation>AI 生成的条目：{share:.1f} %</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="183"/>
        <source>No takedown requests yet — open one in Takedowns.</source>
        <translation>尚无下架请求 —— 请在“下架请求”中新建一个。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="192"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="193"/>
        <source>Ledger health</source>
        <translation>账本状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="194"/>
        <source>Entries:</source>
        <translation>记录数：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="195"/>
        <source>Last checkpoint:</source>
        <translation>最新检查点：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="196"/>
        <source>Last full verification:</source>
        <translation>上次完整验证：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="197"/>
        <source>Items by status</source>
        <translation>按状态统计条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="198"/>
        <source>C2PA coverage</source>
        <translation>C2PA 覆盖情况</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="199"/>
        <source>Open requests by due date</source>
        <translation>按截止日期统计未结请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="217"/>
        <source>No ledger yet — create it on the Ledger screen.</source>
        <translation>尚无账本 —— 请在“账本”界面创建。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="237"/>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="240"/>
        <source>size {size}, signed {when}</source>
        <translation>大小 {size}，签名于 {when}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="247"/>
        <source>never — verify it on the Ledger screen.</source>
        <translation>从未验证 —— 请在“账本”界面验证。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="250"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/dashboard.py" line="250"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="37"/>
        <source>Kept drafts</source>
        <translation>保留的草稿</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="38"/>
        <source>Incomplete notices kept as drafts: not recorded, not in the ledger. Open one to add what is missing; once complete it is recorded as a request.</source>
        <translation>作为草稿保留的不完整通知：未记录，不在账本中。打开一份草稿补充缺少的内容；补全后即作为请求记录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="41"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="41"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="41"/>
        <source>Requester kind</source>
        <translation>请求方类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="42"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="42"/>
        <source>Kept</source>
        <translation>保留于</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="52"/>
        <source>Amend…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="54"/>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="70"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="76"/>
        <source>No drafts are kept.</source>
        <translation>没有保留的草稿。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="90"/>
        <source>a signature — 512(c)(3)(A)(i)</source>
        <translation>签名 —— 512(c)(3)(A)(i)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="91"/>
        <source>identification of the copyrighted work — 512(c)(3)(A)(ii)</source>
        <translation>受版权保护作品的标识 —— 512(c)(3)(A)(ii)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="92"/>
        <source>identification of the infringing material — 512(c)(3)(A)(iii)</source>
        <translation>侵权材料的标识 —— 512(c)(3)(A)(iii)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="93"/>
        <source>contact information — 512(c)(3)(A)(iv)</source>
        <translation>联系信息 —— 512(c)(3)(A)(iv)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="94"/>
        <source>a good-faith statement — 512(c)(3)(A)(v)</source>
        <translation>善意声明 —— 512(c)(3)(A)(v)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="95"/>
        <source>an accuracy statement under penalty of perjury — 512(c)(3)(A)(vi)</source>
        <translation>准确性声明（如有不实愿受伪证罪处罚）—— 512(c)(3)(A)(vi)</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="634"/>
        <source>signed ledger entries {shown} and {more} more hold it: they cannot change without breaking every proof</source>
        <translation>已签名的账本条目 {shown} 以及另外 {more} 条仍含有该数据：更改它们会破坏所有证明，因此无法更改</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="636"/>
        <source>signed ledger entries {shown} hold it: they cannot change without breaking every proof</source>
        <translation>已签名的账本条目 {shown} 仍含有该数据：更改它们会破坏所有证明，因此无法更改</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/erasure.py" line="186"/>
        <source>{n} value(s) of {where} (a key other records and signed entries refer to) still hold it</source>
        <extracomment>Tables never rewritten: the signed ledger (append-only), key material, the schema&apos;s own bookkeeping, and personal_data (whose rows are deleted whole). Shorter strings are too common to hunt for (a two-letter account would match everywhere).</extracomment>
        <translation>{where} 中仍有 {n} 个值含有该数据（它是其他记录和已签名条目引用的键）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/erasure.py" line="191"/>
        <source>{n} row(s) of {where} (a table without a primary key) still hold it</source>
        <translation>{where} 中仍有 {n} 行含有该数据（该表没有主键）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/erasure.py" line="200"/>
        <source>a value of {where} (which cannot be empty) still holds it</source>
        <translation>{where} 中的一个值仍含有该数据（该列不能为空）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/letter_files.py" line="29"/>
        <source>the reply {name} to request {rid} was written before reply files were recorded and is not in {folder} as written; if it was saved elsewhere, delete it there</source>
        <translation>请求 {rid} 的回复 {name} 写于开始记录回复文件之前，且不在 {folder} 中原样存在；如果它被保存到了其他位置，请在那里删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/letter_files.py" line="96"/>
        <source>the reply file {path} could not be read to erase it ({why})</source>
        <translation>无法读取回复文件 {path} 以将其删除（{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/letter_files.py" line="106"/>
        <source>the reply file {path} could not be deleted ({why})</source>
        <translation>无法删除回复文件 {path}（{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/storage/letter_files.py" line="114"/>
        <source>the reply file {path} was changed since it was written; it was left for you to check</source>
        <translation>回复文件 {path} 在写入后已被更改；已保留，请您检查</translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <location filename="../../ledger_app/ui/errors.py" line="59"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/errors.py" line="63"/>
        <source>Something went wrong that the application did not expect. Please send this report to support.</source>
        <translation>发生了应用程序未预料到的错误。请将此报告发送给技术支持。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/errors.py" line="73"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ledger_app/ui/errors.py" line="111"/>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
</context>
<context>
    <name>EvidenceView</name>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="132"/>
        <source>Claimed work</source>
        <translation>主张的作品</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="133"/>
        <source>Corpus item</source>
        <translation>语料库条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="160"/>
        <source>Outlined: the region of the item holding the claimed work ({item:.0%} of the item, {work:.0%} of the work).</source>
        <translation>框出部分：条目中包含所主张作品的区域（占条目的 {item:.0%}，占作品的 {work:.0%}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="137"/>
        <source>Select a match to see its evidence.</source>
        <translation>选择一个匹配以查看其证据。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="155"/>
        <source>The claimed file has no image fingerprint.</source>
        <translation>主张的文件没有图像指纹。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/evidence.py" line="156"/>
        <source>No thumbnail (the item is not an image, or it was purged).</source>
        <translation>无缩略图（该条目不是图像，或已被清除）。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="35"/>
        <source>Welcome to Provenance Ledger</source>
        <translation>欢迎使用 Provenance Ledger</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="37"/>
        <source>Your workspace has been created at {path}.</source>
        <translation>已在 {path} 创建您的工作区。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="44"/>
        <source>Start with an empty workspace</source>
        <translation>从空工作区开始</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="50"/>
        <source>Would you like to build a demo workspace with sample corpora, takedowns and certificates, so that every screen has something to show? It takes about a minute.</source>
        <translation>是否构建一个包含示例语料库、下架请求和证书的演示工作区，让每个界面都有内容可看？大约需要一分钟。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="54"/>
        <source>Build and open the demo</source>
        <translation>构建并打开演示</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/first_run.py" line="59"/>
        <source>The demo workspace is not available in this version yet, so the workspace starts empty.</source>
        <translation>此版本尚未提供演示工作区，因此工作区为空。</translation>
    </message>
</context>
<context>
    <name>GdprDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="154"/>
        <source>GDPR erasure request #{id}</source>
        <translation>GDPR 删除请求 #{id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="163"/>
        <source>Art. 12(6): where there is reasonable doubt about who sent the request, ask for what confirms the identity before erasing anything. Current state: {state}.</source>
        <translation>第 12(6) 条：如对请求人身份存在合理怀疑，应在删除任何内容前要求提供可确认身份的信息。当前状态：{state}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="175"/>
        <source>e.g. reply from the account&apos;s registered e-mail address</source>
        <translation>例如：来自该账户注册邮箱的回复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="177"/>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="178"/>
        <source>How:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="179"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="181"/>
        <source>Record the identity check</source>
        <translation>记录身份核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="188"/>
        <source>Identity</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="193"/>
        <source>Art. 17(3): erasure does not apply to the extent that processing is necessary on one of these grounds. Tick the items retained (all: a refusal; some: a partial refusal, the rest is erased); the reasons are given to the data subject (Art. 12(4)).</source>
        <translation>第 17(3) 条：在基于以下理由之一确有必要处理的范围内，删除权不适用。请勾选保留的条目（全部：拒绝；部分：部分拒绝，其余删除）；理由须告知数据主体（第 12(4) 条）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="214"/>
        <source>The reasons given to the data subject</source>
        <translation>告知数据主体的理由</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="217"/>
        <source>Record the refusal</source>
        <translation>记录拒绝</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="224"/>
        <source>Refusal (Art. 17(3))</source>
        <translation>拒绝（第 17(3) 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="231"/>
        <source>asked for (reasonable doubt)</source>
        <translation>已要求提供（存在合理怀疑）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="231"/>
        <source>verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="232"/>
        <source>not verified</source>
        <translation>未通过核实</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="232"/>
        <source>not checked</source>
        <translation>未核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="236"/>
        <source>(a) freedom of expression and information</source>
        <translation>(a) 言论和信息自由</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="237"/>
        <source>(b) a legal obligation, or a task in the public interest or official authority</source>
        <translation>(b) 法定义务，或为公共利益或行使官方权力而执行的任务</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="238"/>
        <source>(c) public interest in the area of public health</source>
        <translation>(c) 公共卫生领域的公共利益</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="239"/>
        <source>(d) archiving in the public interest, scientific or historical research, statistics</source>
        <translation>(d) 为公共利益存档、科学或历史研究、统计</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="240"/>
        <source>(e) the establishment, exercise or defence of legal claims</source>
        <translation>(e) 提出、行使或抗辩法律主张</translation>
    </message>
</context>
<context>
    <name>InclusionResultsModel</name>
    <message>
        <location filename="../../ledger_app/ui/models/lists.py" line="106"/>
        <source>Work</source>
        <translation>作品</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/lists.py" line="106"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/lists.py" line="106"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/lists.py" line="106"/>
        <source>Near copies</source>
        <translation>近似副本</translation>
    </message>
</context>
<context>
    <name>ItemReason</name>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="31"/>
        <source>{reason} (admitted: {flag} is off)</source>
        <translation>{reason}（已收录：设置 {flag} 处于关闭状态）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="32"/>
        <source>Content Credentials restrict AI training or data mining: {details}</source>
        <translation>内容凭证限制 AI 训练或数据挖掘：{details}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="33"/>
        <source>{key} is {value} in {label}</source>
        <translation>{label} 中 {key} 为 {value}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="34"/>
        <source>{key} is {value} in {label} (constraint: {constraint})</source>
        <translation>{label} 中 {key} 为 {value}（约束：{constraint}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="35"/>
        <source>{key} has the unknown permission value {value} in {label}</source>
        <translation>{label} 中 {key} 的权限值 {value} 未知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="36"/>
        <source>Content Credentials are Invalid ({why}); the asset or its manifest was altered after signing</source>
        <translation>内容凭证无效（{why}）；资源或其清单在签名后被改动</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="38"/>
        <source>a failure in an ingredient&apos;s manifest</source>
        <translation>某个成分的清单验证失败</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="39"/>
        <source>Content Credentials are present but could not be read ({error}); they may restrict training</source>
        <translation>存在内容凭证但无法读取（{error}）；其中可能限制训练</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="41"/>
        <source>Content Credentials are present but could not be read; they may restrict training</source>
        <translation>存在内容凭证但无法读取；其中可能限制训练</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="43"/>
        <source>Content Credentials are in a remote manifest that was not fetched (network access is off), so its training permissions are unknown: {error}</source>
        <translation>内容凭证位于未获取的远程清单中（网络访问已关闭），因此其训练权限未知：{error}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="45"/>
        <source>Content Credentials are in a remote manifest that was not fetched (network access is off), so its training permissions are unknown</source>
        <translation>内容凭证位于未获取的远程清单中（网络访问已关闭），因此其训练权限未知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="47"/>
        <source>AI training is reserved by {details}</source>
        <translation>AI 训练权利已被保留：{details}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="48"/>
        <source>matches standing rights claim {claim} ({basis}: {terms}) by {method}</source>
        <translation>经{method}匹配，符合常设权利主张 {claim}（{basis}：{terms}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="49"/>
        <source>removed by takedown request {request}</source>
        <translation>已根据删除请求 {request} 移除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="50"/>
        <source>removed by takedown request {request}; restored after a counter-notice (retained copy, as corpus {corpus})</source>
        <translation>已根据删除请求 {request} 移除；反通知后已从保留副本恢复，作为语料库 {corpus}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="52"/>
        <source>removed by takedown request {request}; restored after a counter-notice (re-acquire)</source>
        <translation>已根据删除请求 {request} 移除；反通知后已恢复，需从其来源重新获取</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="54"/>
        <source>this exact content was removed by takedown request {request} and may not be ingested again</source>
        <translation>完全相同的内容已根据删除请求 {request} 移除，不得再次收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="56"/>
        <source>a near copy of an image removed by takedown request {request} (match score {score}) may not be ingested again</source>
        <translation>根据删除请求 {request} 移除的图像的近似副本（匹配分数 {score}）不得再次收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="58"/>
        <source>a near copy of a text removed by takedown request {request} (containment {score}) may not be ingested again</source>
        <translation>根据删除请求 {request} 移除的文本的近似副本（包含度 {score}）不得再次收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="64"/>
        <source>copyright</source>
        <extracomment>Words said inside a reason (a claim&apos;s basis, how an item matched): each a message of its own, so the window does not leave an English word inside a translated sentence; English as it always was.</extracomment>
        <translation>版权</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="65"/>
        <source>license_terms</source>
        <translation>许可条款</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="66"/>
        <source>privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="67"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="68"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="69"/>
        <source>perceptual</source>
        <translation>感知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="70"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="71"/>
        <source>url</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="72"/>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/item_reasons.py" line="73"/>
        <source>c2pa</source>
        <translation>C2PA 签名者</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="113"/>
        <source>{shard} cannot be read ({why}); check its name and permissions, then run the ingest again.</source>
        <translation>无法读取 {shard}（{why}）；请检查其名称和权限，然后重新运行导入。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="129"/>
        <source>{shard} no longer exists.</source>
        <translation>{shard} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="133"/>
        <source>{shard} is a symbolic link to {target}; links are not followed.</source>
        <translation>{shard} 是指向 {target} 的符号链接；不跟随链接。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="144"/>
        <source>The directory {shard} cannot be listed ({why}).</source>
        <translation>无法列出目录 {shard} 的内容（{why}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="147"/>
        <source>{shard} is a directory.</source>
        <translation>{shard} 是一个目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="150"/>
        <source>{shard} is not a regular file ({kind}).</source>
        <translation>{shard} 不是普通文件（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="155"/>
        <source>{shard} is {size} bytes, over the limit of {limit} bytes; it was not read.</source>
        <translation>{shard} 大小为 {size} 字节，超过 {limit} 字节的上限；未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="170"/>
        <source>{shard} changed size while being read.</source>
        <translation>{shard} 在读取期间大小发生了变化。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="174"/>
        <location filename="../../ledger_app/corpus/parquet.py" line="153"/>
        <source>{shard}: {problem}</source>
        <translation>{shard}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="195"/>
        <source>Its metadata sidecar {rel} is not a regular file ({kind}).</source>
        <translation>其元数据附属文件 {rel} 不是普通文件（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="199"/>
        <source>Its metadata sidecar {rel} is over the limit of {limit} bytes.</source>
        <translation>其元数据附属文件 {rel} 超过 {limit} 字节的上限。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="205"/>
        <source>Its metadata sidecar cannot be read: {problem}</source>
        <translation>无法读取其元数据附属文件：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="214"/>
        <source>Its metadata sidecar {rel} is not valid UTF-8 (byte at position {at}).</source>
        <translation>其元数据附属文件 {rel} 不是有效的 UTF-8（位置 {at} 处的字节）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="224"/>
        <source>Its metadata sidecar {rel} is not valid JSON ({why} at line {line}).</source>
        <translation>其元数据附属文件 {rel} 不是有效的 JSON（第 {line} 行：{why}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="228"/>
        <source>Its metadata sidecar {rel} is not a JSON object.</source>
        <translation>其元数据附属文件 {rel} 不是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="68"/>
        <source>the gzip stream is truncated (it ends before its trailer)</source>
        <translation>gzip 数据流被截断（在其尾部校验块之前就结束了）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="83"/>
        <source>unexpected bytes follow the gzip stream at offset {offset}</source>
        <translation>gzip 数据流之后在偏移 {offset} 处出现了多余的字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="91"/>
        <source>the gzip data is corrupt ({why}) in the member at offset {offset}</source>
        <translation>偏移 {offset} 处成员中的 gzip 数据已损坏（{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="100"/>
        <source>the gzip stream expands to more than {produced} bytes from {consumed} (over {ratio} to 1 and past {limit} bytes): refused as a decompression bomb</source>
        <translation>gzip 数据流由 {consumed} 字节解压出超过 {produced} 字节（压缩比超过 {ratio} 比 1，且超过 {limit} 字节）：作为解压炸弹拒绝</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="203"/>
        <source>is not valid JSON ({why} at column {col})</source>
        <translation>不是有效的 JSON（第 {col} 列：{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="206"/>
        <source>is not valid JSON (nested too deeply)</source>
        <translation>不是有效的 JSON（嵌套过深）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="208"/>
        <source>is not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="213"/>
        <source>has no {field} field</source>
        <translation>没有 {field} 字段</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="217"/>
        <source>has a {field} field that is not a string</source>
        <translation>的 {field} 字段不是字符串</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="220"/>
        <source>has an empty {field} field (zero bytes of content)</source>
        <translation>的 {field} 字段为空（内容为零字节）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="226"/>
        <source>has a {field} field with an unpaired surrogate escape</source>
        <translation>的 {field} 字段含有未配对的代理项转义</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="234"/>
        <source>Line {line} {problem}.</source>
        <translation>第 {line} 行{problem}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="239"/>
        <source>Line {line} repeats id {id} first seen on line {first}; ids must be unique within a shard.</source>
        <translation>第 {line} 行重复了首次出现在第 {first} 行的 ID {id}；同一分片内的 ID 必须唯一。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="267"/>
        <source>{shard}: {damage} after line {line}; the records before it are listed.</source>
        <translation>{shard}：第 {line} 行之后{damage}；其之前的记录已列出。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="278"/>
        <source>Line {line} is longer than the limit of {limit} bytes; it was not read.</source>
        <translation>第 {line} 行超过 {limit} 字节的上限；未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="300"/>
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="157"/>
        <source>{shard} is not a readable Parquet file ({why}).</source>
        <translation>{shard} 不是可读取的 Parquet 文件（{why}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="178"/>
        <source>row {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="183"/>
        <source>Row group {group} (rows {first} to {last}) {problem}; it was not read.</source>
        <translation>行组 {group}（第 {first} 至 {last} 行）{problem}；未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="196"/>
        <source>declares {size} bytes, over the limit of {limit}</source>
        <translation>声明了 {size} 字节，超过 {limit} 的上限</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="202"/>
        <source>has a column {column} declaring {raw} bytes uncompressed from {packed} (over {ratio} to 1 and past {limit} bytes): refused as a decompression bomb</source>
        <translation>中的列 {column} 声明由 {packed} 字节解压为 {raw} 字节（压缩比超过 {ratio} 比 1，且超过 {limit} 字节）：作为解压炸弹拒绝</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="243"/>
        <source>Row group {group} expands to more than {decoded} bytes from {stored} (over {ratio} to 1 and past {limit} bytes): refused as a decompression bomb; rows {first} to {last} were not read.</source>
        <translation>行组 {group} 由 {stored} 字节解压出超过 {decoded} 字节（压缩比超过 {ratio} 比 1，且超过 {limit} 字节）：作为解压炸弹拒绝；第 {first} 至 {last} 行未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="253"/>
        <source>Row group {group} cannot be decoded ({why}); rows {first} to {last} were not read.</source>
        <translation>行组 {group} 无法解码（{why}）；第 {first} 至 {last} 行未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="289"/>
        <source>Row {row} repeats id {id} first seen on row {first}; ids must be unique within a shard.</source>
        <translation>第 {row} 行重复了首次出现在第 {first} 行的 ID {id}；同一分片内的 ID 必须唯一。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="294"/>
        <source>Row {row}&apos;s metadata is {size} bytes, over the limit of {limit} bytes.</source>
        <translation>第 {row} 行的元数据为 {size} 字节，超过 {limit} 字节的上限。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="300"/>
        <source>Row {row} has no content (its {column} is null).</source>
        <translation>第 {row} 行没有内容（其 {column} 为空值）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="304"/>
        <source>Row {row}&apos;s content is {size} bytes, over the limit of {limit} bytes.</source>
        <translation>第 {row} 行的内容为 {size} 字节，超过 {limit} 字节的上限。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="311"/>
        <source>Row {row} has empty content (zero bytes in {column}).</source>
        <translation>第 {row} 行的内容为空（{column} 中为零字节）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/reasons.py" line="15"/>
        <source>The file name {name} is not valid UTF-8 (shown with escapes).</source>
        <translation>文件名 {name} 不是有效的 UTF-8（以转义形式显示）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/reasons.py" line="20"/>
        <source>{shard} is a zero-byte file.</source>
        <translation>{shard} 是零字节文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/reasons.py" line="28"/>
        <source>is not valid UTF-8 (byte {byte} at position {at})</source>
        <translation>不是有效的 UTF-8（位置 {at} 处的字节 {byte}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/reasons.py" line="35"/>
        <source>{shard} holds more than {allowed} records for its {size} bytes (the limit is {free} plus {per_kib} per KiB of file, at most {most}): the records after {after} were not read. If the shard is genuine, raise the setting ingest.max_records_per_kib (or ingest.max_records_per_shard) and run the ingest again.</source>
        <translation>{shard} 仅 {size} 字节却含有超过 {allowed} 条记录（上限为 {free} 条，另加每 KiB 文件 {per_kib} 条，最多 {most} 条）：{after}之后的记录未读取。如果该分片确属正常，请调高设置 ingest.max_records_per_kib（或 ingest.max_records_per_shard）后重新运行导入。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="32"/>
        <source>is a character device</source>
        <translation>是字符设备</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="33"/>
        <source>is a block device</source>
        <translation>是块设备</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="34"/>
        <source>is a FIFO</source>
        <translation>是 FIFO（命名管道）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="35"/>
        <source>is a GNU sparse file (not supported)</source>
        <translation>是 GNU 稀疏文件（不支持）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="36"/>
        <source>is a GNU volume header (not supported)</source>
        <translation>是 GNU 卷头（不支持）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="37"/>
        <source>is a GNU multi-volume continuation (not supported)</source>
        <translation>是 GNU 多卷续接部分（不支持）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="119"/>
        <source>malformed pax extended header at offset {offset}</source>
        <translation>偏移 {offset} 处的 pax 扩展头格式错误</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="140"/>
        <source>has an empty name</source>
        <translation>的名称为空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="142"/>
        <source>has an absolute path</source>
        <translation>使用了绝对路径</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="144"/>
        <source>has a parent-directory component (&apos;..&apos;)</source>
        <translation>含有上级目录部分（&apos;..&apos;）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="164"/>
        <source>the archive ends inside the extended headers at offset {offset}</source>
        <translation>归档在偏移 {offset} 处的扩展头内部结束</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="170"/>
        <location filename="../../ledger_app/corpus/tarscan.py" line="174"/>
        <source>the archive is truncated inside a header at offset {offset}</source>
        <translation>归档在偏移 {offset} 处的文件头内部被截断</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="178"/>
        <source>extended headers at offset {offset} are not followed by a member</source>
        <translation>偏移 {offset} 处的扩展头之后没有成员</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="184"/>
        <source>not a tar archive: bad header checksum at offset {offset}</source>
        <translation>不是 tar 归档：偏移 {offset} 处的文件头校验和错误</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="185"/>
        <source>corrupt: bad header checksum at offset {offset}</source>
        <translation>已损坏：偏移 {offset} 处的文件头校验和错误</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="191"/>
        <source>invalid size field in the header at offset {offset}</source>
        <translation>偏移 {offset} 处文件头中的大小字段无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="200"/>
        <source>an extended header of {size} bytes at offset {offset} is over the limit</source>
        <translation>偏移 {offset} 处 {size} 字节的扩展头超过上限</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="204"/>
        <source>the archive is truncated inside an extended header at offset {offset}</source>
        <translation>归档在偏移 {offset} 处的扩展头内部被截断</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="211"/>
        <source>a global header at offset {offset} interrupts an entry</source>
        <translation>偏移 {offset} 处的全局头打断了一个条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="227"/>
        <source>invalid pax size at offset {offset}</source>
        <translation>偏移 {offset} 处的 pax 大小无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="252"/>
        <source>member {name} at offset {offset} is truncated: its header declares {size} bytes but only {remain} remain</source>
        <translation>偏移 {offset} 处的成员 {name} 被截断：其文件头声明 {size} 字节，但只剩 {remain} 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="258"/>
        <source>is a symbolic link to {target}</source>
        <translation>是指向 {target} 的符号链接</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="260"/>
        <source>is a hard link to {target}</source>
        <translation>是指向 {target} 的硬链接</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="264"/>
        <source>has an unsupported member type {type}</source>
        <translation>的成员类型 {type} 不受支持</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/tarscan.py" line="269"/>
        <source>has a name that is not valid UTF-8</source>
        <translation>的名称不是有效的 UTF-8</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="106"/>
        <source>{shard}: {damage}; the samples before it are listed, nothing after it can be read.</source>
        <extracomment>The purge&apos;s read size: small enough that both hashes read the chunk from the CPU cache rather than memory (1 MiB took 10 % less CPU than 8 MiB per byte purged, measured with bench_purge).</extracomment>
        <translation>{shard}：{damage}；其之前的样本已列出，之后的内容均无法读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="110"/>
        <source>{shard} ends without the tar end-of-archive marker: it may have been truncated after its last member.</source>
        <translation>{shard} 结尾缺少 tar 归档结束标记：可能在最后一个成员之后被截断。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="125"/>
        <source>Member {name} {problem}; it was not extracted.</source>
        <translation>成员 {name} {problem}；未提取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="130"/>
        <source>Member {name} appears more than once in the shard.</source>
        <translation>成员 {name} 在分片中出现了不止一次。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="134"/>
        <source>The sample is incomplete: a member of it is cut off where {shard} is damaged.</source>
        <translation>样本不完整：它的一个成员在 {shard} 损坏处被截断。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="138"/>
        <source>The sample has no image, media or text member (members: {members}).</source>
        <translation>样本中没有图像、媒体或文本成员（成员：{members}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="142"/>
        <source>Content member {name} is empty (zero bytes).</source>
        <translation>内容成员 {name} 为空（零字节）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="145"/>
        <source>Content member {name} is {size} bytes, over the limit of {limit} bytes; it was not read.</source>
        <translation>内容成员 {name} 为 {size} 字节，超过 {limit} 字节的上限；未读取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="155"/>
        <source>Metadata member {name} is {size} bytes, over the limit of {limit} bytes.</source>
        <translation>元数据成员 {name} 为 {size} 字节，超过 {limit} 字节的上限。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="161"/>
        <source>Metadata member {name} {problem}.</source>
        <translation>元数据成员 {name} {problem}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="169"/>
        <source>Metadata member {name} is not valid JSON ({why} at line {line} column {col}).</source>
        <translation>元数据成员 {name} 不是有效的 JSON（第 {line} 行第 {col} 列：{why}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="173"/>
        <source>Metadata member {name} is not a JSON object.</source>
        <translation>元数据成员 {name} 不是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="180"/>
        <source>Content member {name} {problem}.</source>
        <translation>内容成员 {name} {problem}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ingest/worker.py" line="163"/>
        <source>no content</source>
        <translation>没有内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ingest/worker.py" line="169"/>
        <source>the item is empty (zero bytes)</source>
        <translation>该条目为空（零字节）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ingest/worker.py" line="176"/>
        <source>the text is not valid UTF-8 (byte {at})</source>
        <translation>该文本不是有效的 UTF-8（第 {at} 字节）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ingest/worker.py" line="251"/>
        <source>could not be processed: {kind}: {error}</source>
        <translation>无法处理：{kind}：{error}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="183"/>
        <source>empty file: zero bytes, not an image</source>
        <translation>空文件：零字节，不是图像</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="189"/>
        <source>decompression bomb refused: {w}x{h} = {pixels} pixels exceeds the limit of {limit} (the setting ingest.max_image_pixels)</source>
        <translation>已拒绝解压炸弹：{w}x{h} = {pixels} 像素，超过 {limit} 的上限（设置 ingest.max_image_pixels）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="194"/>
        <source>image has no pixels ({w}x{h})</source>
        <translation>图像没有像素（{w}x{h}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="212"/>
        <source>decompression bomb refused: {why}</source>
        <translation>已拒绝解压炸弹：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="214"/>
        <source>not a decodable image (unknown or corrupt format)</source>
        <translation>不是可解码的图像（格式未知或已损坏）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="224"/>
        <source>truncated image: {why}</source>
        <translation>图像被截断：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="225"/>
        <source>undecodable image: {why}</source>
        <translation>图像无法解码：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="83"/>
        <source>{signal} {value} ({carrier} at {where}, fetched {when})</source>
        <translation>{signal} {value}（{carrier}，位于 {where}，获取于 {when}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="85"/>
        <source>{signal} {value} ({carrier} at {where})</source>
        <translation>{signal} {value}（{carrier}，位于 {where}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="264"/>
        <source>header</source>
        <translation>HTTP 头</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="264"/>
        <source>meta</source>
        <translation>meta 标签</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="268"/>
        <source>the HTTP response</source>
        <translation>HTTP 响应</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="269"/>
        <source>the HTTP response for {url}</source>
        <translation>{url} 的 HTTP 响应</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="270"/>
        <source>the page&apos;s &lt;meta name={name}&gt;</source>
        <translation>页面的 &lt;meta name={name}&gt;</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="271"/>
        <source>the item&apos;s {label} assertion</source>
        <translation>该条目的 {label} 断言</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="272"/>
        <source>{url} (location {loc})</source>
        <translation>{url}（位置 {loc}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="273"/>
        <source>{url} line {line}</source>
        <translation>{url} 第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ingest.py" line="363"/>
        <source>{location} is a path of {n} characters, more than the {limit} the ledger keeps for an item; it is recorded as {short} and not read. Shorten the file or directory names and ingest again.</source>
        <translation>{location} 的路径长 {n} 个字符，超过账本为每个条目保存的 {limit} 个字符；它被记录为 {short}，未读取。请缩短文件或目录名后重新导入。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="247"/>
        <source>Expecting value</source>
        <extracomment>The translation context of a library&apos;s reason. Python&apos;s JSON parser&apos;s reasons (json.JSONDecodeError.msg), each a message whose English is the parser&apos;s own (&quot;ItemReason&quot;: the corpus readers say them inside an item&apos;s reason too).</extracomment>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="249"/>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应为用双引号括起的属性名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="250"/>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应为 &apos;:&apos; 分隔符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="251"/>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应为 &apos;,&apos; 分隔符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="252"/>
        <source>Unterminated string starting at</source>
        <translation>字符串未结束</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="253"/>
        <source>Extra data</source>
        <translation>多余的数据</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="254"/>
        <source>Invalid \escape</source>
        <translation>无效的 \ 转义</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="255"/>
        <source>Invalid \uXXXX escape</source>
        <translation>无效的 \uXXXX 转义</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="256"/>
        <source>Invalid control character at</source>
        <translation>无效的控制字符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="258"/>
        <source>Unexpected UTF-8 BOM (decode using utf-8-sig)</source>
        <translation>开头有多余的 UTF-8 字节顺序标记（BOM）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="260"/>
        <source>Illegal trailing comma before end of object</source>
        <translation>对象末尾多了一个逗号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="262"/>
        <source>Illegal trailing comma before end of array</source>
        <translation>数组末尾多了一个逗号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="209"/>
        <source>decompression bomb refused: Image size ({pixels} pixels) exceeds limit of {limit} pixels, could be decompression bomb DOS attack.</source>
        <translation>已拒绝解压炸弹：图像大小（{pixels} 像素）超过 {limit} 像素的上限，可能是解压炸弹拒绝服务攻击。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="220"/>
        <source>truncated image: image file is truncated ({n} bytes not processed)</source>
        <translation>图像被截断：图像文件不完整（{n} 字节未处理）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/matching/image.py" line="223"/>
        <source>truncated image: image file is truncated</source>
        <translation>图像被截断：图像文件不完整</translation>
    </message>
    <message>
        <location filename="../../ledger_app/provenance/findings.py" line="291"/>
        <source>&apos;Disallow for {agent}&apos;</source>
        <translation>&apos;对 {agent} 的 Disallow 规则&apos;</translation>
    </message>
</context>
<context>
    <name>Items</name>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="41"/>
        <source>admitted</source>
        <translation>已收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="42"/>
        <source>quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="43"/>
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="44"/>
        <source>purged</source>
        <translation>已清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="50"/>
        <source>no credentials</source>
        <translation>无内容凭证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="51"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="52"/>
        <source>Trusted</source>
        <translation>受信任</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="53"/>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="54"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="55"/>
        <source>remote manifest</source>
        <translation>远程清单</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="81"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="81"/>
        <source>Media type</source>
        <translation>媒体类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="81"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="81"/>
        <source>C2PA</source>
        <translation>C2PA</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="81"/>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/items.py" line="82"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
</context>
<context>
    <name>LedgerDetails</name>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="132"/>
        <source>Entry {index}</source>
        <translation>记录 {index}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="133"/>
        <source>Type: {type}</source>
        <translation>类型：{type}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="134"/>
        <source>Recorded: {ts}</source>
        <translation>记录时间：{ts}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="135"/>
        <source>Actor commitment: {actor}</source>
        <translation>操作者承诺值：{actor}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="136"/>
        <source>Leaf hash: {hash}</source>
        <translation>叶哈希：{hash}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="138"/>
        <source>Payload:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="145"/>
        <source>Inclusion proof in the tree of {size} entries:</source>
        <translation>在包含 {size} 条记录的树中的包含证明：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="146"/>
        <source>Root hash: {root}</source>
        <translation>根哈希：{root}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="150"/>
        <source>  (empty: the tree has one entry)</source>
        <translation>  （为空：树中只有一条记录）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="152"/>
        <source>No inclusion proof: {reason}</source>
        <translation>无包含证明：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="157"/>
        <source>Save consistency proof</source>
        <translation>保存一致性证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="157"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/details.py" line="178"/>
        <source>Consistency proof from size {old} to size {new} written to {path}.</source>
        <translation>从大小 {old} 到大小 {new} 的一致性证明已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>LedgerEntryModel</name>
    <message>
        <location filename="../../ledger_app/ui/models/ledger.py" line="47"/>
        <source>Index</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/ledger.py" line="47"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/ledger.py" line="47"/>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/ledger.py" line="47"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/ledger.py" line="47"/>
        <source>Leaf hash</source>
        <translation>叶哈希</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="134"/>
        <source>Ledger</source>
        <translation>账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="136"/>
        <source>This workspace has no ledger yet. Create one to start recording corpora, takedowns and certificates.</source>
        <translation>此工作区尚无账本。创建账本后即可开始记录语料库、下架请求和证书。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="138"/>
        <source>Create the ledger</source>
        <translation>创建账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="139"/>
        <source>Verify the whole ledger</source>
        <translation>验证整个账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="141"/>
        <source>Recompute every hash and check every signed checkpoint from the stored bytes.</source>
        <translation>根据存储的字节重新计算每个哈希，并检查每个已签名的检查点。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="145"/>
        <source>Go to entry:</source>
        <translation>跳转到记录：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="146"/>
        <source>A memo to record in the ledger, e.g. “court order received by post”</source>
        <translation>要记入账本的备注，例如“已通过邮寄收到法院命令”</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="147"/>
        <source>Record note</source>
        <translation>记录备注</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="148"/>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="149"/>
        <source>Checkpoint and key</source>
        <translation>检查点与密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="150"/>
        <source>Consistency proof</source>
        <translation>一致性证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="151"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="152"/>
        <source>Copy checkpoint</source>
        <translation>复制检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="153"/>
        <source>Copy public key</source>
        <translation>复制公钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="154"/>
        <source>Latest signed checkpoint:</source>
        <translation>最新的已签名检查点：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="155"/>
        <source>Public key (verifier key):</source>
        <translation>公钥（验证密钥）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="158"/>
        <source>A consistency proof shows that the ledger of the new size extends the ledger of the old size without rewriting it. Auditors check it against two checkpoints they kept.</source>
        <translation>一致性证明表明，新大小的账本是在旧大小账本的基础上追加而来，未经改写。审计人员可用自己保存的两个检查点核对它。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="162"/>
        <source>Old size:</source>
        <translation>旧大小：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="163"/>
        <source>New size:</source>
        <translation>新大小：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="164"/>
        <source>Export consistency proof…</source>
        <translation>导出一致性证明…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="170"/>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="182"/>
        <source>Select an entry to see its payload and inclusion proof.</source>
        <translation>选择一条记录以查看其内容和包含证明。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="197"/>
        <source>{n} entries</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/page.py" line="72"/>
        <source>%v of %m entries</source>
        <translation>%v / %m 条记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="26"/>
        <source>Verifying…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="44"/>
        <source>The ledger is intact: {entries} entries and {checkpoints} signed checkpoints verified.</source>
        <translation>账本完好：已验证 {entries} 条记录和 {checkpoints} 个已签名检查点。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="56"/>
        <source>Verification could not run.</source>
        <translation>无法执行验证。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="62"/>
        <source>Verification failed: {reason}</source>
        <translation>验证失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="73"/>
        <source>Verification cancelled; nothing was recorded.</source>
        <translation>验证已取消，未记录任何结果。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="115"/>
        <source>Open a workspace first: a certificate is checked against its ledger&apos;s key.</source>
        <translation>请先打开工作区：证书要用其账本的公钥核验。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="121"/>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="128"/>
        <source>{name} is not a readable certificate: {why}</source>
        <translation>{name} 不是可读取的证书：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="123"/>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="134"/>
        <source>{name} does NOT verify: {why}</source>
        <translation>{name} 核验未通过：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/ledger/verification.py" line="138"/>
        <source>{name} verifies: signed by this ledger&apos;s key and included at entry {index}.</source>
        <translation>{name} 核验通过：由本账本的密钥签名，收录于条目 {index}。</translation>
    </message>
</context>
<context>
    <name>LegalReason</name>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="90"/>
        <source>no counter-notice received</source>
        <translation>未收到反通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="92"/>
        <source>the counter-notice is incomplete</source>
        <translation>反通知不完整</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="94"/>
        <source>the counter-notice is not yet forwarded to the claimant</source>
        <translation>反通知尚未转交主张方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="96"/>
        <source>the claimant filed a court action; the material stays removed</source>
        <translation>主张方已提起法院诉讼；材料保持移除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="97"/>
        <source>every item is restored</source>
        <translation>所有条目均已恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="99"/>
        <source>{n} of 10 business days have passed; restore from {date}</source>
        <translation>10 个工作日中已过去 {n} 个；自 {date} 起可恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="101"/>
        <source>the window closed on {date}; restore now</source>
        <translation>恢复期已于 {date} 结束；请立即恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="103"/>
        <source>within the window ({start} to {end})</source>
        <translation>处于恢复期内（{start} 至 {end}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="105"/>
        <source>erasure refused under Art. 17(3)({g})</source>
        <translation>依第 17(3)({g}) 条拒绝删除</translation>
    </message>
</context>
<context>
    <name>LibraryError</name>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="265"/>
        <source>{json_reason}</source>
        <extracomment>A JSON parser&apos;s reason this module does not know: &quot;JSON syntax error&quot; in the window.</extracomment>
        <translation>JSON 语法错误</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="284"/>
        <source>Invalid IPv6 URL</source>
        <extracomment>urllib.parse.urlsplit&apos;s ValueErrors, by their English (Python 3.11-3.13).</extracomment>
        <translation>IPv6 地址的方括号不完整或格式无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="286"/>
        <source>Port could not be cast to integer value as {port}</source>
        <translation>端口 {port} 不是整数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="287"/>
        <source>Port out of range 0-65535</source>
        <translation>端口超出 0–65535 的范围</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="289"/>
        <source>netloc {netloc} contains invalid characters under NFKC normalization</source>
        <translation>主机部分 {netloc} 经 NFKC 规范化后含有无效字符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="292"/>
        <source>{url_reason}</source>
        <extracomment>Another of urlsplit&apos;s reasons: &quot;the URL cannot be split into its parts&quot; in the window.</extracomment>
        <translation>URL 无法拆分为各个组成部分</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="308"/>
        <source>Parquet magic bytes not found in footer. Either the file is corrupted or this is not a parquet file.</source>
        <extracomment>pyarrow&apos;s reasons for a file that is not Parquet, by their English.</extracomment>
        <translation>文件末尾没有 Parquet 标记：文件已损坏，或者不是 Parquet 文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="311"/>
        <source>Parquet file size is {size} bytes</source>
        <translation>Parquet 文件大小为 {size} 字节，无法读取</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="313"/>
        <source>Parquet file size is {size} bytes, smaller than the minimum file footer ({footer} bytes)</source>
        <translation>Parquet 文件只有 {size} 字节，小于最小的文件尾部（{footer} 字节）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="319"/>
        <source>{parquet_reason}</source>
        <extracomment>Any other reason pyarrow gives for a Parquet file or row group it cannot decode: &quot;the Parquet reader cannot decode it (a damaged or not a Parquet file)&quot; in the window; with `errno` when the system refused (its name shown).</extracomment>
        <translation>Parquet 读取器无法解码（文件已损坏，或者不是 Parquet 文件）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="337"/>
        <source>{unicode_reason}</source>
        <extracomment>A text that is not UTF-8 (`str(UnicodeDecodeError)`): the byte and its position in the window.</extracomment>
        <translation>不是有效的 UTF-8 文本（位置 {position} 处的字节 {byte}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="211"/>
        <source>AI Act summary</source>
        <translation>AI 法案摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="206"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="179"/>
        <source>&lt;h3&gt;Provenance Ledger {version}&lt;/h3&gt;&lt;p&gt;A signed, append-only ledger of AI-training items: C2PA checks, takedowns, physical purges and signed removal certificates that anyone can verify offline.&lt;/p&gt;&lt;p&gt;Qt {qt} · PySide6 {pyside}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Provenance Ledger {version}&lt;/h3&gt;&lt;p&gt;已签名、只追加的 AI 训练条目账本：C2PA 检查、下架处理、物理清除，以及任何人都可离线验证的签名删除证书。&lt;/p&gt;&lt;p&gt;Qt {qt} · PySide6 {pyside}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="187"/>
        <source>About Provenance Ledger</source>
        <translation>关于 Provenance Ledger</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="207"/>
        <source>Corpora &amp; items</source>
        <translation>语料库与条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="208"/>
        <source>Takedowns</source>
        <translation>下架请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="209"/>
        <source>Rights check</source>
        <translation>权利核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="210"/>
        <source>Ledger</source>
        <translation>账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="212"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="216"/>
        <source>Provenance Ledger</source>
        <translation>Provenance Ledger 溯源账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="221"/>
        <source>{screen} (Ctrl+{n})</source>
        <translation>{screen}（Ctrl+{n}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="223"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="224"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="225"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="226"/>
        <source>&amp;New takedown request…</source>
        <translation>新建下架请求(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="227"/>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="228"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="229"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="230"/>
        <source>&amp;About Provenance Ledger</source>
        <translation>关于 Provenance Ledger(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="241"/>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="243"/>
        <source>team database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="244"/>
        <source>Workspace: {where}</source>
        <translation>工作区：{where}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/mainwindow.py" line="248"/>
        <source>{n} background task(s) running</source>
        <translation>{n} 个后台任务正在运行</translation>
    </message>
</context>
<context>
    <name>ManifestTree</name>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="48"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="48"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="55"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="60"/>
        <source>No C2PA manifest in this item</source>
        <translation>此条目没有 C2PA 清单</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="65"/>
        <source>Assertions</source>
        <translation>断言</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="66"/>
        <source>Ingredients</source>
        <translation>成分</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="67"/>
        <source>Validation codes</source>
        <translation>验证代码</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="75"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="78"/>
        <source>Claim generator</source>
        <translation>声明生成器</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="80"/>
        <source>Validation results</source>
        <translation>验证结果</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/c2pa_tree.py" line="83"/>
        <source>Other manifests</source>
        <translation>其他清单</translation>
    </message>
</context>
<context>
    <name>MatchEvidence</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="22"/>
        <source>Corpus {corpus}, {location}</source>
        <translation>语料库 {corpus}，{location}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="27"/>
        <source>account {account}</source>
        <translation>账户 {account}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="28"/>
        <source>status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="38"/>
        <source>Perceptual match by local features (a region of the item)</source>
        <translation>感知匹配：基于局部特征（条目的某个区域）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="40"/>
        <source>Perceptual match: PDQ distance {d} of 256</source>
        <translation>感知匹配：PDQ 距离 {d}（满分 256）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="42"/>
        <source>(within the threshold of {t})</source>
        <translation>（在阈值 {t} 以内）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="43"/>
        <source>(beyond the threshold of {t}: kept because the geometry agrees)</source>
        <translation>（超出阈值 {t}：因几何校验一致而保留）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="46"/>
        <source>{n} inliers after alignment</source>
        <translation>对齐后 {n} 个内点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="48"/>
        <source>mirrored</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="54"/>
        <source>Text match: {c:.0%} of the claimed text is contained in the item</source>
        <translation>文本匹配：主张文本的 {c:.0%} 包含在该条目中</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="57"/>
        <source>(threshold {t:.0%})</source>
        <translation>（阈值 {t:.0%}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="58"/>
        <source>; the overlapping passages are highlighted.</source>
        <translation>；重叠段落已高亮。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="60"/>
        <source>Exact match: the item&apos;s SHA-256 equals the claimed file&apos;s ({sha}).</source>
        <translation>完全匹配：该条目的 SHA-256 与主张文件相同（{sha}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="63"/>
        <source>URL match: {url}</source>
        <translation>URL 匹配：{url}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="65"/>
        <source>Account match: uploaded by the requester&apos;s account.</source>
        <translation>账户匹配：由请求人的账户上传。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="67"/>
        <source>Content Credentials signed by {signer}.</source>
        <translation>内容凭证由 {signer} 签名。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="81"/>
        <source>Claimed {kind}: {what}</source>
        <translation>主张的{kind}：{what}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="108"/>
        <source>Claimed: {what}</source>
        <translation>主张：{what}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/match_evidence.py" line="109"/>
        <source>{method} match</source>
        <translation>{method}匹配</translation>
    </message>
</context>
<context>
    <name>MatchesModel</name>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="33"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="33"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="33"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="33"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="81"/>
        <source>PDQ distance {d}</source>
        <translation>PDQ 距离 {d}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="81"/>
        <source>local features</source>
        <translation>局部特征</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="83"/>
        <source> (match ≤ {t})</source>
        <translation>（匹配阈值 ≤ {t}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="86"/>
        <source>, {n} inliers</source>
        <translation>，{n} 个内点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="89"/>
        <source>containment {c:.0%}</source>
        <translation>包含度 {c:.0%}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="91"/>
        <source> (match ≥ {t:.0%})</source>
        <translation>（匹配阈值 ≥ {t:.0%}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="95"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="95"/>
        <source>identical bytes</source>
        <translation>字节完全相同</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="97"/>
        <source>same domain</source>
        <translation>同一域名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="99"/>
        <source>same signer</source>
        <translation>同一签名者</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/matches.py" line="121"/>
        <source>Decided here, not yet recorded in the ledger</source>
        <translation>已在此处决定，尚未记入账本</translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="121"/>
        <source>New takedown request</source>
        <translation>新建下架请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="136"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="137"/>
        <source>Requester:</source>
        <translation>请求方：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="138"/>
        <source>Requester kind:</source>
        <translation>请求方类别：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="139"/>
        <source>E-mail:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="140"/>
        <source>Received:</source>
        <translation>接收日期：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="146"/>
        <source>Drop the claimed files here, or add them:</source>
        <translation>将主张的文件拖放到此处，或添加：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="152"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="153"/>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="159"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="162"/>
        <source>One per line: URLs of the material, or SHA-256 hashes</source>
        <translation>每行一个：材料的 URL 或 SHA-256 哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="163"/>
        <source>URLs and hashes</source>
        <translation>URL 与哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="167"/>
        <source>One domain per line, e.g. dailychronicle.example</source>
        <translation>每行一个域名，例如 dailychronicle.example</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="169"/>
        <source>One uploader account ID per line</source>
        <translation>每行一个上传者账号 ID</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="170"/>
        <source>Domains:</source>
        <translation>域名：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="171"/>
        <source>Accounts:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="172"/>
        <source>Domains and accounts</source>
        <translation>域名与账号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="175"/>
        <source>Paste the article text (at least a paragraph)</source>
        <translation>粘贴文章正文（至少一段）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="176"/>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="179"/>
        <source>DMCA notice elements (17 U.S.C. 512(c)(3)(A))</source>
        <translation>DMCA 通知要素（17 U.S.C. 512(c)(3)(A)）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="184"/>
        <source>Good-faith statement: the use is not authorised by the owner, its agent or the law</source>
        <translation>善意声明：该使用未经权利人、其代理人或法律授权</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="186"/>
        <source>Accuracy statement, under penalty of perjury, that the notifier is authorised to act</source>
        <translation>准确性声明（如有不实愿受伪证罪处罚）：通知人有权代为行事</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="187"/>
        <source>Signature:</source>
        <translation>签名：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="188"/>
        <source>Copyrighted work:</source>
        <translation>受版权保护的作品：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="205"/>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="380"/>
        <source>Open request</source>
        <translation>创建请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="206"/>
        <source>Import CSV/JSON…</source>
        <translation>导入 CSV/JSON…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="208"/>
        <source>Keep as draft and ask for what is missing…</source>
        <translation>存为草稿并索取缺少的要素…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="275"/>
        <source>a physical or electronic signature — 512(c)(3)(A)(i)</source>
        <translation>亲笔或电子签名 —— 512(c)(3)(A)(i)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="276"/>
        <source>identification of the copyrighted work — 512(c)(3)(A)(ii)</source>
        <translation>受版权保护作品的标识 —— 512(c)(3)(A)(ii)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="277"/>
        <source>identification of the infringing material (files, URLs, hashes, text…) — 512(c)(3)(A)(iii)</source>
        <translation>侵权材料的标识（文件、URL、哈希、文本…）—— 512(c)(3)(A)(iii)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="278"/>
        <source>contact information (an e-mail address) — 512(c)(3)(A)(iv)</source>
        <translation>联系方式（电子邮件地址）—— 512(c)(3)(A)(iv)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="279"/>
        <source>a good-faith statement — 512(c)(3)(A)(v)</source>
        <translation>善意声明 —— 512(c)(3)(A)(v)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="280"/>
        <source>an accuracy statement under penalty of perjury — 512(c)(3)(A)(vi)</source>
        <translation>准确性声明（如有不实愿受伪证罪处罚）—— 512(c)(3)(A)(vi)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="286"/>
        <source>identification of the material: give files, URLs, hashes, domains, accounts or text</source>
        <translation>材料的标识：请提供文件、URL、哈希、域名、账号或文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="288"/>
        <source>a longer article text: {n} characters at least, a paragraph is best</source>
        <translation>更长的文章文本：至少 {n} 个字符，最好是一整段</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="297"/>
        <source>Missing:</source>
        <translation>缺少：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="363"/>
        <source>Opening…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="386"/>
        <source>Claimed files</source>
        <translation>主张的文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="392"/>
        <source>Import requests</source>
        <translation>导入请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/new_request.py" line="392"/>
        <source>Request lists (*.csv *.json)</source>
        <translation>请求列表 (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>Origin</name>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="25"/>
        <source>Give the ledger an origin.</source>
        <translation>请为账本指定一个来源名称。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="27"/>
        <source>Use printable ASCII without spaces or &apos;+&apos;, for example example.com/ledger.</source>
        <translation>请使用不含空格或“+”的可打印 ASCII 字符，例如 example.com/ledger。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="30"/>
        <source>Use a name you control, such as your organisation&apos;s domain and a path: example.com/ledger.</source>
        <translation>请使用您能控制的名称，例如贵机构的域名加路径：example.com/ledger。</translation>
    </message>
</context>
<context>
    <name>OriginDialog</name>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="37"/>
        <location filename="../../ledger_app/ui/origin.py" line="48"/>
        <source>Create the ledger</source>
        <translation>创建账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="38"/>
        <source>The origin names this ledger on every signed checkpoint, in its public key and on every removal certificate you send. Choose a name you control, usually your organisation&apos;s domain and a path (for example legal.example.com/training-data). It cannot be changed later.</source>
        <translation>来源名称会出现在每个已签名检查点、账本公钥以及您发出的每份删除证书上。请选择一个您能控制的名称，通常是贵机构的域名加路径（例如 legal.example.com/training-data）。创建后不可更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/origin.py" line="45"/>
        <source>&amp;Origin:</source>
        <translation>来源名称(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>OsError</name>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="185"/>
        <source>Permission denied</source>
        <extracomment>The translation context of every service sentence. The translation context of a system&apos;s reason. The C library&apos;s English for the errors met in files and folders (glibc&apos;s wording).</extracomment>
        <translation>权限被拒绝（EACCES）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="186"/>
        <source>Operation not permitted</source>
        <translation>不允许的操作（EPERM）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="187"/>
        <source>No such file or directory</source>
        <translation>文件或目录不存在（ENOENT）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="188"/>
        <source>No space left on device</source>
        <translation>设备上没有剩余空间（ENOSPC）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="189"/>
        <source>Disk quota exceeded</source>
        <translation>超出磁盘配额（EDQUOT）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="190"/>
        <source>Read-only file system</source>
        <translation>只读文件系统（EROFS）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="191"/>
        <source>Too many levels of symbolic links</source>
        <translation>符号链接层数过多（ELOOP）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="192"/>
        <source>File name too long</source>
        <translation>文件名过长（ENAMETOOLONG）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="193"/>
        <source>Is a directory</source>
        <translation>是一个目录（EISDIR）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="194"/>
        <source>Not a directory</source>
        <translation>不是目录（ENOTDIR）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="195"/>
        <source>Input/output error</source>
        <translation>输入/输出错误（EIO）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="196"/>
        <source>File exists</source>
        <translation>文件已存在（EEXIST）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="197"/>
        <source>Too many open files</source>
        <translation>打开的文件过多（EMFILE）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="198"/>
        <source>Too many open files in system</source>
        <translation>系统中打开的文件过多（ENFILE）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="199"/>
        <source>Device or resource busy</source>
        <translation>设备或资源忙（EBUSY）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="200"/>
        <source>File too large</source>
        <translation>文件过大（EFBIG）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="201"/>
        <source>Directory not empty</source>
        <translation>目录非空（ENOTEMPTY）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="202"/>
        <source>Invalid cross-device link</source>
        <translation>无效的跨设备链接（EXDEV）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="203"/>
        <source>Stale file handle</source>
        <translation>失效的文件句柄（ESTALE）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="206"/>
        <source>{strerror}</source>
        <extracomment>Any other error: its English as the system gave it, said with its name in the window.</extracomment>
        <translation>操作系统错误 {errno}（{strerror}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="34"/>
        <source>The disk holding {where} is full; free some space and run the command again (what was committed is kept, and a re-run continues from there).</source>
        <extracomment>What to do about a condition of the machine, naming the file (`where`).</extracomment>
        <translation>{where} 所在的磁盘已满（ENOSPC）；请释放一些空间后重新运行（已提交的内容会保留，重新运行会从那里继续）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="36"/>
        <source>Your disk quota is used up where {where} is; free some space and run the command again.</source>
        <translation>{where} 所在位置的磁盘配额已用完（EDQUOT）；请释放一些空间后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="38"/>
        <source>Permission denied on {where}; check that you may read and write it (ls -l), then run the command again.</source>
        <translation>{where} 的权限被拒绝（EACCES）；请检查您是否可以读写它（ls -l），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="40"/>
        <source>The operation is not permitted on {where}; check its owner and permissions, then run the command again.</source>
        <translation>不允许对 {where} 执行此操作（EPERM）；请检查其所有者和权限，然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="42"/>
        <source>{where} is on a read-only file system; use a writable location.</source>
        <translation>{where} 位于只读文件系统上（EROFS）；请使用可写的位置。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="43"/>
        <source>{where} is a loop of symbolic links (or too many of them); give the real path instead.</source>
        <translation>{where} 是符号链接循环（或链接层数过多，ELOOP）；请改为提供真实路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="45"/>
        <source>The name {where} is longer than the file system allows; shorten it.</source>
        <translation>名称 {where} 超过文件系统允许的长度（ENAMETOOLONG）；请缩短它。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="47"/>
        <source>Too many files are open at once (at {where}); raise the limit (ulimit -n) and run the command again.</source>
        <translation>同时打开的文件过多（在 {where}，EMFILE）；请调高上限（ulimit -n）后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="49"/>
        <source>The system has too many files open (at {where}); close some programs and run the command again.</source>
        <translation>系统打开的文件过多（在 {where}，ENFILE）；请关闭一些程序后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="51"/>
        <source>An input/output error occurred on {where} (a failing disk or a lost network mount); check the device, then run the command again.</source>
        <translation>{where} 上发生输入/输出错误（EIO，磁盘故障或网络挂载丢失）；请检查设备，然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="53"/>
        <source>{where} does not exist; check the path.</source>
        <translation>{where} 不存在（ENOENT）；请检查路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="54"/>
        <source>A part of {where} is not a directory; check the path.</source>
        <translation>{where} 的某一部分不是目录（ENOTDIR）；请检查路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="55"/>
        <source>{where} cannot be opened; check that its folder exists, that you may read and write both, and that its disk is not mounted read-only.</source>
        <translation>无法打开 {where}；请检查其所在文件夹是否存在、您是否可以读写两者，以及其磁盘是否以只读方式挂载。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="59"/>
        <source>a file it needed</source>
        <extracomment>`where` when an error names no file.</extracomment>
        <translation>所需的某个文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="60"/>
        <source>the database {database}</source>
        <translation>数据库 {database}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="61"/>
        <source>the database (the workspace database)</source>
        <translation>数据库（工作区数据库）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="139"/>
        <source>{file} cannot be used: {why}.</source>
        <translation>无法使用 {file}：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/os_errors.py" line="140"/>
        <source>The system refused the operation: {why}.</source>
        <translation>系统拒绝了该操作：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="210"/>
        <source>[Errno {number}] {strerror}</source>
        <translation>{strerror}（错误号 {number}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="209"/>
        <source>[Errno {number}] {strerror}: {filename}</source>
        <translation>{strerror}：{filename}（错误号 {number}）</translation>
    </message>
</context>
<context>
    <name>OwnershipDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="48"/>
        <source>Ownership check for request #{id}</source>
        <translation>请求 #{id} 的所有权核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="50"/>
        <source>A rights holder&apos;s request is purged only once the evidence that the requester owns the works was seen and recorded: a registration, a licence or assignment, the original files with their metadata. The text goes to the erasable personal-data store; the ledger keeps a commitment to it.</source>
        <translation>只有在看到并记录了请求者拥有作品的证据（登记证明、许可或转让协议、带元数据的原始文件）之后，权利人的请求才会被清除。文本保存在可擦除的个人数据存储中；账本只保存其承诺值。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="55"/>
        <source>Recorded so far: ownership confirmed.</source>
        <translation>已记录：所有权已确认。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="56"/>
        <source>Recorded so far: ownership not shown.</source>
        <translation>已记录：未能证明所有权。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="58"/>
        <source>Evidence: {text}</source>
        <translation>证据：{text}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="60"/>
        <source>No ownership check recorded yet.</source>
        <translation>尚未记录所有权核查。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="69"/>
        <source>e.g. US copyright registration VA 2-345-678, seen 3 March</source>
        <translation>例如：美国版权登记 VA 2-345-678，3 月 3 日查验</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="71"/>
        <source>&amp;Evidence seen:</source>
        <translation>所见证据(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="74"/>
        <source>Confirmed: the requester owns the works</source>
        <translation>已确认：请求者拥有这些作品</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="75"/>
        <source>Not shown: the evidence does not establish ownership</source>
        <translation>未证明：证据不足以确立所有权</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="76"/>
        <source>&amp;Result:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="79"/>
        <source>Record the check</source>
        <translation>记录核查</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="132"/>
        <source>No passphrase was given, so nothing was signed.</source>
        <translation>未提供口令，因此未签署任何内容。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="32"/>
        <source>Signing key passphrase</source>
        <translation>签名密钥口令</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="35"/>
        <source>Choose a passphrase for the new signing key. You will need it to sign ledger entries.</source>
        <translation>请为新的签名密钥设置口令。签署账本记录时需要用到它。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="37"/>
        <source>Enter the passphrase of the ledger&apos;s signing key.</source>
        <translation>请输入账本签名密钥的口令。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="46"/>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="56"/>
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="73"/>
        <source>The passphrase cannot be empty.</source>
        <translation>口令不能为空。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/passphrase.py" line="76"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ledger_app/ui/widgets/pdf_preview.py" line="43"/>
        <source>No certificate issued yet.</source>
        <translation>尚未签发证书。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/widgets/pdf_preview.py" line="51"/>
        <source>The PDF could not be read.</source>
        <translation>无法读取该 PDF。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="46"/>
        <source>by one month</source>
        <translation>延长一个月</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="47"/>
        <source>by two months</source>
        <translation>延长两个月</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="49"/>
        <source>Extend:</source>
        <translation>延长：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_dialogs.py" line="54"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="98"/>
        <source>Recipients of request #{id} (GDPR Art. 19)</source>
        <translation>请求 #{id} 的接收方（GDPR 第 19 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="99"/>
        <source>Art. 19: each recipient to whom the personal data was disclosed is told of the erasure, unless that proves impossible or involves disproportionate effort. The register is read from the lineage: training runs that saw the items, dataset releases made while they were in, and mirrors of those releases. A notice names the items by their SHA-256 only.</source>
        <translation>第 19 条：个人数据被披露给的每个接收方都应被告知删除事宜，除非这被证明不可能或需要付出不成比例的努力。登记册根据数据谱系生成：见过这些条目的训练运行、条目在库期间发布的数据集，以及这些发布的镜像。通知仅以 SHA-256 标识条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="116"/>
        <source>Send notices…</source>
        <translation>发送通知……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="119"/>
        <source>Write a notice (.eml) to each recipient not yet notified, into a folder you choose, and record in the ledger that it was sent.</source>
        <translation>为每个尚未通知的接收方在所选文件夹中写一份通知（.eml），并在账本中记录已发送。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="126"/>
        <source>training run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="126"/>
        <source>dataset release</source>
        <translation>数据集发布</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="127"/>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="131"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="131"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="131"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="131"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="132"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="132"/>
        <source>Notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="137"/>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="139"/>
        <source>no contact recorded</source>
        <translation>未记录联系方式</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="144"/>
        <source>No recipient: no training run or dataset release contained these items.</source>
        <translation>没有接收方：没有训练运行或数据集发布包含这些条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="146"/>
        <source>{n} recipients; {p} not yet notified.</source>
        <translation>{n} 个接收方；{p} 个尚未通知。</translation>
    </message>
</context>
<context>
    <name>RegisterCorpusDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="43"/>
        <source>Register a corpus</source>
        <translation>登记语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="48"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="49"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="56"/>
        <source>detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="60"/>
        <source>optional: a licence added with `ledger license add`</source>
        <translation>可选：用 `ledger license add` 添加的许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="62"/>
        <source>optional: acquisition batch</source>
        <translation>可选：采购批次</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="63"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="64"/>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="65"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="67"/>
        <source>Licence:</source>
        <translation>许可：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="68"/>
        <source>Batch:</source>
        <translation>批次：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="70"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="78"/>
        <source>Choose a corpus file (tar shard, JSONL, Parquet)</source>
        <translation>选择语料库文件（tar 分片、JSONL、Parquet）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="83"/>
        <source>Choose a corpus folder</source>
        <translation>选择语料库文件夹</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="91"/>
        <source>Pick a folder of files, WebDataset tar shards, JSONL or Parquet.</source>
        <translation>请选择文件夹、WebDataset tar 分片、JSONL 或 Parquet。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="93"/>
        <source>No corpus format recognised at this location.</source>
        <translation>此位置无法识别语料库格式。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/corpora/register_dialog.py" line="95"/>
        <source>Detected format: {fmt}</source>
        <translation>识别的格式：{fmt}</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="163"/>
        <source>Write a reply for request #{id}</source>
        <translation>为请求 #{id} 撰写回复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="164"/>
        <source>The letter is written from its template as an e-mail (.eml, ready to send) and a PDF, kept with the case and recorded in the ledger.</source>
        <translation>信函根据模板写成电子邮件（.eml，可直接发送）和 PDF，与案件一同保存并记录在账本中。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="172"/>
        <source>&amp;Letter:</source>
        <translation>信函(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="178"/>
        <source>La&amp;nguage:</source>
        <translation>语言(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="182"/>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="193"/>
        <source>Choose…</source>
        <translation>选择……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="186"/>
        <source>&amp;Save in:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="192"/>
        <source>the removal certificate (.json) to attach</source>
        <translation>要附上的删除证书（.json）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="197"/>
        <source>&amp;Certificate:</source>
        <translation>证书(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="203"/>
        <source>Write the letter</source>
        <translation>写出信函</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="217"/>
        <source>Acknowledgement of receipt</source>
        <translation>收件确认</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="218"/>
        <source>Request for the missing elements</source>
        <translation>要求补充缺失要素</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="219"/>
        <source>Counter-notice forwarded (to the claimant)</source>
        <translation>反通知已转交（致主张方）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="220"/>
        <source>Completion, with the removal certificate</source>
        <translation>处理完成，附删除证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="221"/>
        <source>Extension of the deadline, with the reasons</source>
        <translation>延长期限，并说明理由</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/legal_actions.py" line="222"/>
        <source>Refusal under Art. 17(3), with the remedies</source>
        <translation>依第 17(3) 条拒绝，并说明救济途径</translation>
    </message>
</context>
<context>
    <name>RequestType</name>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="837"/>
        <source>court</source>
        <translation>法院</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="832"/>
        <source>dmca</source>
        <extracomment>A request type&apos;s word inside a sentence: its English is the type&apos;s value as the CLI writes it.</extracomment>
        <translation>DMCA</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="833"/>
        <source>gdpr</source>
        <translation>GDPR</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="836"/>
        <source>license</source>
        <translation>许可</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="835"/>
        <source>optout</source>
        <translation>选择退出</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="838"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="834"/>
        <source>publisher</source>
        <translation>出版方</translation>
    </message>
</context>
<context>
    <name>Rights</name>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="116"/>
        <source>included</source>
        <translation>已收录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="117"/>
        <source>purged</source>
        <translation>已清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="118"/>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>RightsPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="103"/>
        <source>Rights check</source>
        <translation>权利核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="105"/>
        <source>Is a work in the corpus, or was it removed? Drop the files, or paste hashes and URLs; each work gets an answer — included, purged (with the date and certificate), or not found — and the answer can be exported as a signed report that anyone can verify offline.</source>
        <translation>某件作品是否在语料库中，或是否已被删除？拖入文件，或粘贴哈希和 URL；每件作品都会得到答复——已收录、已清除（附日期和证书）或未找到——答复可导出为任何人都能离线验证的签名报告。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="108"/>
        <source>Files (drop them here):</source>
        <translation>文件（拖放到此处）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="109"/>
        <source>SHA-256 hashes or URLs, one per line:</source>
        <translation>SHA-256 哈希或 URL，每行一个：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="110"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="111"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="112"/>
        <source>Check</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="113"/>
        <source>Export signed report…</source>
        <translation>导出签名报告…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="117"/>
        <source>Works to check</source>
        <translation>要核查的作品</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="135"/>
        <source>Give at least one file, hash or URL to check.</source>
        <translation>请至少提供一个文件、哈希或 URL 以供核查。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="138"/>
        <source>Checking…</source>
        <translation>正在核查…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="150"/>
        <source>{total} works checked: {i} included, {p} purged, {n} not found.</source>
        <translation>已核查 {total} 件作品：{i} 件已收录，{p} 件已清除，{n} 件未找到。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="160"/>
        <source>Save signed inclusion report</source>
        <translation>保存签名的收录报告</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="161"/>
        <source>Reports (*.json)</source>
        <translation>报告 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/rights.py" line="184"/>
        <source>Signed report written to {file} and {pdf} (ledger entry {entry}).</source>
        <translation>签名报告已写入 {file} 和 {pdf}（账本记录 {entry}）。</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="245"/>
        <location filename="../../ledger_app/services/ledger.py" line="517"/>
        <source>a note needs some text</source>
        <translation>备注需要填写内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="273"/>
        <source>an assignee name is at most 200 characters</source>
        <translation>负责人名称最多 200 个字符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="276"/>
        <source>request {rid} is closed; it cannot be assigned</source>
        <translation>请求 {rid} 已关闭，无法分配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="311"/>
        <source>a decision is accepted or rejected, not {decision}</source>
        <translation>决定只能是接受或拒绝，而不是 {decision}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="319"/>
        <source>a rejection needs a reason (it is recorded and told to the requester)</source>
        <translation>拒绝需要理由（会被记录并告知请求者）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="344"/>
        <source>give the notice file to attach</source>
        <translation>请提供要附加的通知文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="348"/>
        <source>{name} is larger than {value} MB; attach a smaller copy</source>
        <translation>{name} 大于 {value} MB；请附加较小的副本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="352"/>
        <source>cannot read the notice {p}: {strerror}</source>
        <translation>无法读取通知 {p}：{strerror}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="389"/>
        <source>no document {sha256}… is stored</source>
        <translation>未存储文档 {sha256}…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="392"/>
        <source>document {sha256}… was erased</source>
        <translation>文档 {sha256}… 已被删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="396"/>
        <source>the stored document {sha256}… does not match its hash; it was altered</source>
        <translation>存储的文档 {sha256}… 与其哈希不符；它已被篡改</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="405"/>
        <source>say why the documents are erased (recorded in the ledger)</source>
        <translation>请说明删除这些文档的原因（会记录在账本中）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="474"/>
        <location filename="../../ledger_app/services/takedowns.py" line="491"/>
        <source>there is no takedown request {rid}; see `ledger takedown list`</source>
        <translation>不存在删除请求 {rid}；请查看 `ledger takedown list`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="481"/>
        <location filename="../../ledger_app/services/takedowns.py" line="321"/>
        <source>unknown request type {type}; use one of {choices}</source>
        <translation>未知的请求类型 {type}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="484"/>
        <source>unknown status {status}; use one of {choices}</source>
        <translation>未知的状态 {status}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="487"/>
        <source>cannot sort by {sort}; use one of {choices}</source>
        <translation>无法按 {sort} 排序；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/cases.py" line="536"/>
        <source>cannot write {path}: {strerror}</source>
        <translation>无法写入 {path}：{strerror}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="315"/>
        <source>request {rid} is a {type} request; this step applies to {names} requests only</source>
        <translation>请求 {rid} 是 {type} 请求；此步骤仅适用于 {names} 请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="325"/>
        <source>the ownership result is {choices}, not {result}</source>
        <translation>所有权核查结果应为 {choices}，而不是 {result}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="328"/>
        <source>say what evidence of ownership was seen (for example: US copyright registration VA 2-345-678)</source>
        <translation>请说明看到了哪些所有权证据（例如：美国版权登记 VA 2-345-678）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="353"/>
        <source>request {rid} comes from a rights holder: record the evidence of ownership seen before the purge (`ledger takedown ownership {rid} --evidence &quot;…&quot;`)</source>
        <translation>请求 {rid} 来自权利人：清除之前请记录所看到的所有权证据（`ledger takedown ownership {rid} --evidence &quot;…&quot;`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="358"/>
        <source>the identity of the data subject of request {rid} is {value}; verify it first (`ledger takedown identity {rid} --result verified --method …`)</source>
        <translation>请求 {rid} 的数据主体身份{value}；请先核实（`ledger takedown identity {rid} --result verified --method …`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="370"/>
        <source>request {rid} is {status}; a counter-notice answers material already removed</source>
        <translation>请求 {rid} 的状态为 {status}；反通知针对的是已删除的材料</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="376"/>
        <source>item {unknown} was not removed under request {rid}; a counter-notice names removed material</source>
        <translation>条目 {unknown} 并未依据请求 {rid} 删除；反通知应指明已删除的材料</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="423"/>
        <source>request {rid} has no counter-notice to forward; record it first (`ledger takedown counter-notice {rid} …`)</source>
        <translation>请求 {rid} 没有可转交的反通知；请先记录（`ledger takedown counter-notice {rid} …`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="426"/>
        <source>the counter-notice of request {rid} is incomplete; it is not forwarded until it is complete</source>
        <translation>请求 {rid} 的反通知不完整；完整之前不会转交</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="429"/>
        <source>the counter-notice of request {rid} was already forwarded</source>
        <translation>请求 {rid} 的反通知已经转交</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="435"/>
        <source>legal.restore_business_days must be between 10 and 14 (17 U.S.C. 512(g)(2)(C))</source>
        <translation>legal.restore_business_days 必须在 10 到 14 之间（《美国法典》第 17 编第 512(g)(2)(C) 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="452"/>
        <source>describe the court action (court, case number, date of the claimant&apos;s notice)</source>
        <translation>请描述诉讼（法院、案号、索赔方通知的日期）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="469"/>
        <source>no counter-notice received</source>
        <translation>未收到反通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="472"/>
        <source>the counter-notice is incomplete</source>
        <translation>反通知不完整</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="473"/>
        <source>the counter-notice is not yet forwarded to the claimant</source>
        <translation>反通知尚未转交主张方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="480"/>
        <source>the claimant filed a court action; the material stays removed</source>
        <translation>主张方已提起法院诉讼；材料保持移除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="482"/>
        <source>every item is restored</source>
        <translation>所有条目均已恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="484"/>
        <source>{n} of 10 business days have passed; restore from {date}</source>
        <translation>10 个工作日中已过去 {n} 个；自 {date} 起可恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="486"/>
        <source>the window closed on {date}; restore now</source>
        <translation>恢复期已于 {date} 结束；请立即恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="489"/>
        <source>within the window ({start} to {end})</source>
        <translation>处于恢复期内（{start} 至 {end}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="507"/>
        <source>request {rid} cannot be restored now: {reason}</source>
        <translation>请求 {rid} 现在不能恢复：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="579"/>
        <source>the identity result is one of {choices}, not {result}</source>
        <translation>身份核实结果应为以下之一：{choices}，而不是 {result}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="582"/>
        <source>say how the identity was verified (--method)</source>
        <translation>请说明如何核实身份（--method）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="598"/>
        <source>name the Art. 17(3) ground: {choices} ({ground} is not one)</source>
        <translation>请指明第 17(3) 条的理由：{choices}（{ground} 不在其中）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="601"/>
        <source>a refusal needs the reasons given to the data subject (Art. 12(4))</source>
        <translation>拒绝需要说明告知数据主体的理由（第 12(4) 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="607"/>
        <source>item {unknown} is not among the matches of request {rid}</source>
        <translation>条目 {unknown} 不在请求 {rid} 的匹配项中</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="610"/>
        <source>request {rid} has no matches to retain; locate first, or reject the request with a reason</source>
        <translation>请求 {rid} 没有可保留的匹配项；请先定位，或附理由拒绝该请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="613"/>
        <source>request {rid} is {status}; a refusal is decided before the purge</source>
        <translation>请求 {rid} 的状态为 {status}；拒绝须在清除之前决定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="632"/>
        <source>erasure refused under Art. 17(3)({g})</source>
        <translation>依第 17(3)({g}) 条拒绝删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/legal.py" line="653"/>
        <source>the first month of request {rid} ended on {due_by}; an extension had to be announced before then (Art. 12(3))</source>
        <translation>请求 {rid} 的第一个月已于 {due_by} 结束；延期必须在此之前通知（第 12(3) 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="174"/>
        <source>unknown reply template {template}; use one of {choices}</source>
        <translation>未知的回复模板 {template}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="177"/>
        <location filename="../../ledger_app/services/replies.py" line="325"/>
        <source>the reply language is one of {choices}, not {language}</source>
        <translation>回复语言应为以下之一：{choices}，而不是 {language}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="196"/>
        <source>request {rid} lacks no element; there is nothing to ask for</source>
        <translation>请求 {rid} 没有缺少任何要素；无需索取</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="202"/>
        <source>the counter-notice of request {rid} is not forwarded yet (`ledger takedown forward {rid}`)</source>
        <translation>请求 {rid} 的反通知尚未转交（`ledger takedown forward {rid}`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="211"/>
        <source>request {rid} is {status}; the completion letter follows the purge</source>
        <translation>请求 {rid} 的状态为 {status}；完成函须在清除之后发出</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="215"/>
        <source>attach the removal certificate (--certificate FILE, from `ledger takedown certificate`)</source>
        <translation>请附上删除证书（--certificate FILE，由 `ledger takedown certificate` 生成）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="219"/>
        <source>cannot read the certificate {certificate}: {strerror}</source>
        <translation>无法读取证书 {certificate}：{strerror}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="224"/>
        <source>{name} is not a removal certificate (not JSON)</source>
        <translation>{name} 不是删除证书（不是 JSON）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="227"/>
        <source>{name} is not the certificate of request {rid}</source>
        <translation>{name} 不是请求 {rid} 的证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="235"/>
        <source>request {rid} was not extended (`ledger takedown extend {rid} --months N --reason …`)</source>
        <translation>请求 {rid} 未延期（`ledger takedown extend {rid} --months N --reason …`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="245"/>
        <source>request {rid} has no recorded refusal (`ledger takedown refuse {rid} --ground …`)</source>
        <translation>请求 {rid} 没有已记录的拒绝（`ledger takedown refuse {rid} --ground …`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/replies.py" line="329"/>
        <source>there is no open draft {draft_id}; see `ledger takedown drafts`</source>
        <translation>没有未完成的草稿 {draft_id}；请查看 `ledger takedown drafts`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="123"/>
        <source>an empty account ID cannot be matched</source>
        <translation>空的账户 ID 无法匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="129"/>
        <source>cannot read the article text {tf}: {e}</source>
        <translation>无法读取文章文本 {tf}：{e}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="217"/>
        <source>there is no draft {draft_id}; see `ledger takedown drafts`</source>
        <translation>没有草稿 {draft_id}；请查看 `ledger takedown drafts`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="220"/>
        <source>draft {draft_id} was already recorded as request {request_id}</source>
        <translation>草稿 {draft_id} 已记录为请求 {request_id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="265"/>
        <source>draft {draft_id} has no identification {value}</source>
        <translation>草稿 {draft_id} 中没有标识 {value}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="326"/>
        <source>unknown requester kind {requester_kind}; use one of {choices}</source>
        <translation>未知的请求者类型 {requester_kind}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="332"/>
        <source>no identification of the material (give files, hashes, URLs, domains, accounts or text)</source>
        <translation>未指明相关材料（请提供文件、哈希、URL、域名、账户或文本）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="381"/>
        <source>unknown kind of identification {kind}</source>
        <translation>未知的标识类型 {kind}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="406"/>
        <source>{name} is not UTF-8 text; save the list as UTF-8 CSV or JSON and import it again</source>
        <translation>{name} 不是 UTF-8 文本；请将列表另存为 UTF-8 CSV 或 JSON 后重新导入</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="409"/>
        <location filename="../../ledger_app/services/takedowns.py" line="888"/>
        <source>cannot read {path}: {strerror}</source>
        <translation>无法读取 {path}：{strerror}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="414"/>
        <source>{name}: {e}; nothing was imported</source>
        <translation>{name}：{e}；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="419"/>
        <source>{r} of {name}: unknown column {choices}; the columns are {choices2} (see `ledger takedown import --help`); nothing was imported</source>
        <translation>{name} 的{r}：未知列 {choices}；可用的列为 {choices2}（见 `ledger takedown import --help`）；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="438"/>
        <source>{r} of {name}: {e}; nothing was imported</source>
        <translation>{name} 的{r}：{e}；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="442"/>
        <source>{head} of {name}: no request type; give a type column ({choices}); nothing was imported</source>
        <translation>{name} 的{head}：没有请求类型；请提供 type 列（{choices}）；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="456"/>
        <source>{head} of {name}: {e}; nothing was imported</source>
        <translation>{name} 的{head}：{e}；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="471"/>
        <source>{name} holds no requests; nothing was imported</source>
        <translation>{name} 中没有请求；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="513"/>
        <source>an extension needs a recorded reason (GDPR Art. 12(3))</source>
        <translation>延期需要记录理由（GDPR 第 12(3) 条）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="516"/>
        <source>request {rid} was already extended once</source>
        <translation>请求 {rid} 已经延期过一次</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="618"/>
        <source>locate was cancelled; nothing was recorded</source>
        <translation>定位已取消；未记录任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="650"/>
        <source>item {i} is not among the matches of request {rid}</source>
        <translation>条目 {i} 不在请求 {rid} 的匹配项中</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="653"/>
        <source>an item cannot be both accepted and rejected</source>
        <translation>同一条目不能既被接受又被拒绝</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="655"/>
        <source>say what to decide: --accept-all, or --accept ITEM… and/or --reject ITEM…</source>
        <translation>请说明要做的决定：--accept-all，或 --accept ITEM… 和/或 --reject ITEM…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="657"/>
        <source>--accept-all and --reject-all cannot be given together</source>
        <translation>--accept-all 与 --reject-all 不能同时使用</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="700"/>
        <source>{pending} matches of request {rid} are still pending review</source>
        <translation>请求 {rid} 还有 {pending} 个匹配项待审核</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="720"/>
        <source>four-eyes rule: the handler of request {rid} is not known (their record was erased), so no one can be shown to be someone else; turn takedown.four_eyes off to approve it</source>
        <translation>四眼原则：请求 {rid} 的处理人未知（其记录已被删除），因此无法证明审批人是另一个人；如需批准，请关闭 takedown.four_eyes</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="728"/>
        <source>four-eyes rule: the approver must be someone other than the handler of request {rid}, and you ({me}) handled it; a different display name (user.name) does not make a different person</source>
        <translation>四眼原则：审批人必须不是请求 {rid} 的处理人，而您（{me}）处理过该请求；不同的显示名称（user.name）并不代表不同的人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="891"/>
        <source>{path} is empty</source>
        <translation>{path} 是空文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="901"/>
        <source>{name}: {e}</source>
        <translation>{name}：{e}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="916"/>
        <source>the article text is too short to match reliably (give at least a paragraph)</source>
        <translation>文章文本太短，无法可靠匹配（请至少提供一段）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="931"/>
        <source>the import file is not valid JSON: {e}</source>
        <translation>导入文件不是有效的 JSON：{e}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="941"/>
        <source>a JSON import is one request object (with a works list) or a list of request objects</source>
        <translation>JSON 导入应为一个请求对象（带 works 列表）或请求对象的列表</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="944"/>
        <source>the CSV import has no header row</source>
        <translation>CSV 导入文件没有标题行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="99"/>
        <source>a physical or electronic signature (--signature), 512(c)(3)(A)(i)</source>
        <translation>手写或电子签名（--signature），第 512(c)(3)(A)(i) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="101"/>
        <source>identification of the copyrighted work (--work), 512(c)(3)(A)(ii)</source>
        <translation>受版权保护作品的说明（--work），第 512(c)(3)(A)(ii) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="103"/>
        <source>identification of the infringing material (--file/--hash/--url/…), 512(c)(3)(A)(iii)</source>
        <translation>侵权材料的说明（--file/--hash/--url/…），第 512(c)(3)(A)(iii) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="105"/>
        <source>contact information (--email), 512(c)(3)(A)(iv)</source>
        <translation>联系方式（--email），第 512(c)(3)(A)(iv) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="107"/>
        <source>a good-faith statement (--good-faith), 512(c)(3)(A)(v)</source>
        <translation>善意声明（--good-faith），第 512(c)(3)(A)(v) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/takedown/requests.py" line="109"/>
        <source>an accuracy statement under penalty of perjury (--accurate-under-penalty), 512(c)(3)(A)(vi)</source>
        <translation>承担伪证责任的准确性声明（--accurate-under-penalty），第 512(c)(3)(A)(vi) 条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ai_act.py" line="170"/>
        <source>there is no training run of model {run!r}; see `ledger run record`</source>
        <translation>不存在模型 {run!r} 的训练运行记录；请查看 `ledger run record`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ai_act.py" line="179"/>
        <source>there are no corpora to summarise; register and ingest one first</source>
        <translation>没有可供汇总的语料库；请先登记并导入一个语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ai_act.py" line="370"/>
        <source>unknown attestation ids {bad}; the summary asks for {known}</source>
        <translation>未知的声明编号 {bad}；该摘要要求的是 {known}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ai_act.py" line="376"/>
        <source>the attestation {id!r} must be a non-empty text</source>
        <translation>声明 {id!r} 必须是非空文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/certificates.py" line="177"/>
        <source>request {rid} is {status}; a removal certificate is issued only after the purge</source>
        <translation>请求 {rid} 的状态为 {status}；删除证书只在清除完成后签发</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="123"/>
        <source>unknown basis {basis!r}; use one of {choices}</source>
        <translation>未知的权利依据 {basis!r}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="125"/>
        <source>unknown action {action!r}; use quarantine or flag</source>
        <translation>未知的处理方式 {action!r}；请使用 quarantine（隔离）或 flag（标记）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="127"/>
        <source>a claim needs at least one work (files, hashes, URLs, domains or text)</source>
        <translation>权利主张至少需要一件作品（文件、哈希、URL、域名或文本）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="129"/>
        <source>name the rights holder</source>
        <translation>请填写权利人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="176"/>
        <source>there is no claim {cid}; see `ledger claim list`</source>
        <translation>不存在权利主张 {cid}；请查看 `ledger claim list`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="313"/>
        <source>a licence needs a name and a licensor</source>
        <translation>许可需要名称和许可方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="318"/>
        <source>the expiry date {expires!r} is not a date like 2027-06-30</source>
        <translation>到期日 {expires!r} 不是形如 2027-06-30 的日期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="322"/>
        <source>a licence named {name!r} already exists</source>
        <translation>名为 {name!r} 的许可已存在</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="346"/>
        <source>there is no licence {ref!r}; see `ledger license list`</source>
        <translation>不存在许可 {ref!r}；请查看 `ledger license list`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/claims.py" line="354"/>
        <source>licence {name!r} has already expired</source>
        <translation>许可 {name!r} 已过期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="181"/>
        <source>unknown source kind {source_kind!r}; choose one of {choices}</source>
        <translation>未知的来源类型 {source_kind!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="183"/>
        <source>a crawler is named by its user-agent product token, such as GPTBot (no spaces)</source>
        <translation>爬虫以其 User-Agent 产品标识命名，例如 GPTBot（不含空格）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="190"/>
        <source>a corpus name must be non-empty, without &apos;:&apos;, &apos;/&apos; or &apos;\&apos;, and short</source>
        <translation>语料库名称不能为空，不得包含 &apos;:&apos;、&apos;/&apos; 或 &apos;\&apos;，且应简短</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="197"/>
        <source>{path} does not exist</source>
        <translation>{path} 不存在</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="201"/>
        <source>unknown format {fmt!r}; choose one of {choices}</source>
        <translation>未知的格式 {fmt!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="206"/>
        <source>a corpus named {name!r} is already registered</source>
        <translation>名为 {name!r} 的语料库已登记</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="282"/>
        <source>the policy snapshot of corpus {name!r} no longer matches its recorded digest; the workspace was altered — run `ledger log verify` and restore it</source>
        <translation>语料库 {name!r} 的政策快照与其记录的摘要不再一致；工作区已被改动——请运行 `ledger log verify` 并恢复工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="308"/>
        <source>there is no licence named {name!r}; add it with `ledger license add`</source>
        <translation>不存在名为 {name!r} 的许可；请用 `ledger license add` 添加</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/corpora.py" line="328"/>
        <source>summarise either a training run or a set of corpora, not both</source>
        <translation>请汇总一次训练运行或一组语料库，二者不可兼选</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/inclusion.py" line="121"/>
        <source>give at least one file, --hash or --url to check</source>
        <translation>请至少提供一个要检查的文件、--hash 或 --url</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/inclusion.py" line="212"/>
        <location filename="../../ledger_app/services/inclusion.py" line="254"/>
        <source>no inclusion report: {reason}</source>
        <translation>无法生成收录报告：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/inclusion.py" line="275"/>
        <source>no inclusion report: the ledger cannot be trusted as stored ({reason})</source>
        <translation>无法生成收录报告：账本的存储状态不可信（{reason}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/inclusion.py" line="278"/>
        <source>no inclusion report: ledger entry {i} is not covered by the latest signed checkpoint</source>
        <translation>无法生成收录报告：账本条目 {i} 不在最新签名检查点的覆盖范围内</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/inclusion.py" line="284"/>
        <source>no inclusion report: ledger entry {i} is not the one the signed checkpoint includes; run `ledger log verify`</source>
        <translation>无法生成收录报告：账本条目 {i} 与签名检查点所收录的条目不一致；请运行 `ledger log verify`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/items.py" line="52"/>
        <source>there is no corpus named {name!r}; see `ledger corpus list`</source>
        <translation>不存在名为 {name!r} 的语料库；请查看 `ledger corpus list`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/items.py" line="62"/>
        <source>unknown status {status!r}; use admitted, quarantined, refused or purged</source>
        <translation>未知的状态 {status!r}；请使用 admitted（已收录）、quarantined（已隔离）、refused（已拒绝）或 purged（已清除）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/items.py" line="226"/>
        <location filename="../../ledger_app/services/stored_pages.py" line="122"/>
        <source>listing the items was cancelled</source>
        <extracomment>The status reason as a message (core/item_reasons.py) when it was stored as one, for the window to say in its language; `status_reason` is its English (the CLI&apos;s and the JSON&apos;s). Not in the JSON.</extracomment>
        <translation>条目列表的读取已取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/items.py" line="287"/>
        <source>there is no item {item_id!r}</source>
        <translation>不存在条目 {item_id!r}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="220"/>
        <source>a workspace already exists at {path}</source>
        <translation>{path} 处已存在工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="223"/>
        <source>the origin must be printable ASCII without spaces or &apos;+&apos;, e.g. example.com/ledger</source>
        <translation>来源标识必须是可打印的 ASCII 字符，不含空格或 &apos;+&apos;，例如 example.com/ledger</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="226"/>
        <source>the database {db} already holds a ledger; use it with --db</source>
        <translation>数据库 {db} 中已有账本；请通过 --db 使用它</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="260"/>
        <location filename="../../ledger_app/services/ledger.py" line="280"/>
        <source>the workspace at {path} has no ledger yet; run `ledger init`</source>
        <translation>{path} 处的工作区尚无账本；请运行 `ledger init`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="325"/>
        <source>the workspace has no active signing key; run `ledger init`</source>
        <translation>工作区没有启用中的签名密钥；请运行 `ledger init`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="346"/>
        <source>the active signing key in the database ({vkey}) is not the key the ledger&apos;s key chain names ({chain_vkey}); the key table was altered or a rotation is missing. Nothing was signed.</source>
        <translation>数据库中启用的签名密钥（{vkey}）不是账本密钥链所指定的密钥（{chain_vkey}）；密钥表已被改动，或缺少一次密钥轮换。未签署任何内容。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="400"/>
        <source>{reason} (if an operator restored this on purpose, record it with `ledger log acknowledge-rollback --reason …`)</source>
        <translation>{reason}（如果这是操作人员有意恢复的，请用 `ledger log acknowledge-rollback --reason …` 记录下来）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="415"/>
        <source>the ledger&apos;s signing key changed since this client unlocked it (a rotation by another client); nothing was signed, run the command again</source>
        <translation>自本客户端解锁以来，账本的签名密钥已更换（由另一客户端轮换）；未签署任何内容，请重新执行该操作</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="526"/>
        <location filename="../../ledger_app/services/witness.py" line="293"/>
        <location filename="../../ledger_app/services/witness.py" line="458"/>
        <source>the ledger has no checkpoint yet</source>
        <translation>账本尚无检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="612"/>
        <source>say why the data is erased (--reason); the reason is kept in the ledger for good</source>
        <translation>请说明删除这些数据的理由（--reason）；该理由将永久保存在账本中</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="622"/>
        <source>no personal data is stored for that person (already erased, or never held)</source>
        <translation>未存储此人的任何个人数据（已删除，或从未持有）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="625"/>
        <source>The reason names the person being erased; it would be written into a permanent ledger entry that can never be erased. Give a reason without their name, e-mail or account (e.g. &apos;GDPR Art. 17 request of 2026-12-01&apos;).</source>
        <translation>该理由提及了被删除数据的当事人；它将被写入永久且无法删除的账本条目。请给出不含其姓名、电子邮箱或账户的理由（例如 &apos;GDPR Art. 17 request of 2026-12-01&apos;）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="658"/>
        <source>no uploader account {account!r} is stored (already erased, or never seen)</source>
        <translation>未存储上传者账户 {account!r}（已删除，或从未出现）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="664"/>
        <source>there is no takedown request {request}</source>
        <translation>不存在删除请求 {request}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="666"/>
        <source>request {request} has no requester on record</source>
        <translation>请求 {request} 没有记录请求人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="688"/>
        <source>The {what} names personal data this workspace holds ({found}); it would be written into a permanent ledger entry that can never be erased. Reword it without names, e-mail addresses or account IDs.</source>
        <translation>该{what}包含本工作区持有的个人数据（{found}）；它将被写入永久且无法删除的账本条目。请改写，去掉姓名、电子邮箱地址或账户 ID。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="692"/>
        <source>reason</source>
        <extracomment>The names of the free texts screen_permanent_text refuses, marked so the window can say them.</extracomment>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ledger.py" line="692"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/lineage.py" line="118"/>
        <source>name the model (for example, photo-gen-v3)</source>
        <translation>请填写模型名称（例如 photo-gen-v3）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/lineage.py" line="163"/>
        <source>name the release (for example, photos-2026-03)</source>
        <translation>请填写发布版本名称（例如 photos-2026-03）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/lineage.py" line="169"/>
        <source>there is no release named {name!r}; see `ledger release list`</source>
        <translation>不存在名为 {name!r} 的发布版本；请查看 `ledger release list`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/lineage.py" line="174"/>
        <source>name the corpus the release was made from (--corpus)</source>
        <translation>请填写该发布版本所依据的语料库（--corpus）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge.py" line="80"/>
        <source>request {rid} is already purged</source>
        <translation>请求 {rid} 已清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge.py" line="87"/>
        <source>request {rid} has no accepted matches; nothing to purge</source>
        <translation>请求 {rid} 没有已接受的匹配项；无可清除内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge.py" line="137"/>
        <source>purge of request {rid} paused after {done} of {total} shards; run it again to finish</source>
        <translation>请求 {rid} 的清除在 {total} 个分片中完成 {done} 个后暂停；请再次运行以完成</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge.py" line="184"/>
        <source>shard {shard} of corpus {name} changed since it was ingested: {changes}. Nothing was purged; run `ledger ingest {name}` to record the shard as it is now, then purge again</source>
        <translation>语料库 {name} 的分片 {shard} 自导入以来已发生变化：{changes}。未清除任何内容；请运行 `ledger ingest {name}` 记录该分片的当前状态，然后再次清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge_stored.py" line="67"/>
        <source>item {item} accepted for request {rid} is neither a database item nor in the fingerprint store; nothing was purged</source>
        <translation>请求 {rid} 已接受的条目 {item} 既不是数据库条目，也不在指纹库中；未清除任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge_stored.py" line="74"/>
        <source>item {item} accepted for request {rid} belongs to corpus {name}, which is not registered; nothing was purged</source>
        <translation>请求 {rid} 已接受的条目 {item} 属于未登记的语料库 {name}；未清除任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="224"/>
        <source>the witness name {name!r} must be 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>见证方名称 {name!r} 必须由 1 至 64 个字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos; 组成</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="228"/>
        <source>the witness URL {url} cannot be used: {problem}</source>
        <translation>无法使用见证方 URL {url}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="231"/>
        <source>the witness URL {url!r} must be an http:// or https:// submission prefix, e.g. https://witness.example/  (add-checkpoint is appended to it)</source>
        <translation>见证方 URL {url!r} 必须是 http:// 或 https:// 开头的提交前缀，例如 https://witness.example/（其后会追加 add-checkpoint）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="238"/>
        <source>a witness named {name} is already configured; remove it first</source>
        <translation>名为 {name} 的见证方已配置；请先将其移除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="240"/>
        <source>the key {vkey} is already configured for another witness</source>
        <translation>密钥 {vkey} 已配置给另一见证方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="251"/>
        <source>no witness named {name} is configured (see `ledger witness list`)</source>
        <translation>未配置名为 {name} 的见证方（请查看 `ledger witness list`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="254"/>
        <source>the policy needs {stored} cosignatures; with {name} gone only {left} witness(es) remain: lower it first (`ledger witness policy K`)</source>
        <translation>当前策略需要 {stored} 个联署签名；移除 {name} 后仅剩 {left} 个见证方：请先降低要求（`ledger witness policy K`）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="269"/>
        <source>the policy must ask for 0 to {n} cosignatures (there are {n} witnesses); add witnesses first with `ledger witness add`</source>
        <translation>策略要求的联署签名数须在 0 至 {n} 之间（共有 {n} 个见证方）；请先用 `ledger witness add` 添加见证方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="296"/>
        <source>no witness is configured; add one with `ledger witness add NAME URL VKEY`</source>
        <translation>尚未配置见证方；请用 `ledger witness add NAME URL VKEY` 添加</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="431"/>
        <source>this is not an issued certificate or report (it has no entry and tlog_proof)</source>
        <translation>这不是已签发的证书或报告（缺少 entry 和 tlog_proof）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="434"/>
        <source>no checkpoint is cosigned by the witnesses the policy asks for yet; run `ledger witness submit` first (`ledger witness status` shows what is missing)</source>
        <translation>尚无检查点获得策略所要求的见证方联署；请先运行 `ledger witness submit`（`ledger witness status` 会显示缺少哪些）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="437"/>
        <source>the document&apos;s entry {index!r} is not inside the newest cosigned checkpoint (size {size}); run `ledger witness submit` first (`ledger witness status` shows what is missing)</source>
        <translation>文档的条目 {index!r} 不在最新的联署检查点（大小 {size}）范围内；请先运行 `ledger witness submit`（`ledger witness status` 会显示缺少哪些）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="441"/>
        <source>the cosigned checkpoint does not match its stored size</source>
        <translation>联署检查点与其存储的大小不一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/witness.py" line="445"/>
        <source>ledger entry {index} is not the entry the document names; it belongs to another ledger</source>
        <translation>账本条目 {index} 不是文档所指的条目；该文档属于另一个账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="84"/>
        <location filename="../../ledger_app/ledger/verify.py" line="447"/>
        <source>entry {n}: the type column says {column} but the signed leaf is a {type} entry</source>
        <translation>条目 {n}：类型列为 {column}，但已签名的叶子是 {type} 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="89"/>
        <source>entry 0 is not the ledger.init entry</source>
        <translation>条目 0 不是 ledger.init 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="93"/>
        <source>entry 0 names no usable key ({problem})</source>
        <translation>条目 0 未给出可用的密钥（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="99"/>
        <source>a key rotation comes before the ledger.init entry</source>
        <translation>密钥轮换条目出现在 ledger.init 条目之前</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="108"/>
        <source>entry {n}: the key rotation starts from {old}, not from the ledger&apos;s key at that point ({current})</source>
        <translation>条目 {n}：密钥轮换起始于 {old}，而不是账本在该处的密钥（{current}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="114"/>
        <source>the ledger has no ledger.init entry</source>
        <translation>账本没有 ledger.init 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="189"/>
        <source>verification cancelled</source>
        <translation>验证已取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="218"/>
        <source>the verifier key you hold ({vkey}) is not in this ledger&apos;s key chain ({chain}): the ledger was rewritten or is another ledger</source>
        <translation>您持有的验证密钥（{vkey}）不在本账本的密钥链中（{chain}）：账本已被重写，或是另一个账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="221"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="229"/>
        <source>checkpoint #{id} (size {size}): {problem}</source>
        <translation>检查点 #{id}（大小 {size}）：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="237"/>
        <source>checkpoint #{id} (size {size}) is not signed by {vkey}, the key valid at that size: a key retired by a rotation signed it after its rotation</source>
        <translation>检查点 #{id}（大小 {size}）不是由该大小时有效的密钥 {vkey} 签名的：一个已被轮换停用的密钥在轮换之后签署了它</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="243"/>
        <source>checkpoint #{id} names origin {found}, expected {origin}</source>
        <translation>检查点 #{id} 的来源为 {found}，应为 {origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="246"/>
        <source>checkpoint #{id}: the stored size/root columns differ from the signed note</source>
        <translation>检查点 #{id}：存储的大小/根哈希列与已签名的记录不一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="249"/>
        <source>checkpoint #{id} covers {size} entries but only {n} are stored: entries {n}..{last} were removed</source>
        <translation>检查点 #{id} 覆盖 {size} 个条目，但只存有 {n} 个：条目 {n}..{last} 已被删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="253"/>
        <source>checkpoint #{id} has size {size}, smaller than the previous {previous}</source>
        <translation>检查点 #{id} 的大小为 {size}，小于前一个的 {previous}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="260"/>
        <source>entries {first}..{last}: one of them was changed, swapped or re-hashed (checkpoint #{id} of size {size} signs a root they no longer produce)</source>
        <translation>条目 {first}..{last}：其中有条目被修改、调换或重新哈希（大小为 {size} 的检查点 #{id} 签署的根哈希已无法由这些条目得出）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="268"/>
        <source>the workspace&apos;s last seen checkpoint</source>
        <translation>工作区最后见到的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="271"/>
        <source>the checkpoint you hold</source>
        <translation>您持有的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="278"/>
        <source>{name} does not verify under the key you hold: {problem}; the ledger was rewritten or the checkpoint is another ledger&apos;s</source>
        <translation>{name}无法用您持有的密钥验证：{problem}；账本已被改写，或该检查点属于另一个账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="281"/>
        <source>{name} does not verify under the ledger keys: {problem}; the ledger was rewritten or the checkpoint is another ledger&apos;s</source>
        <translation>{name}无法用账本的密钥验证：{problem}；账本已被改写，或该检查点属于另一个账本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="285"/>
        <source>{name} is for log {found}, not {origin}</source>
        <translation>{name}属于日志 {found}，而不是 {origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="288"/>
        <source>{name} covers {size} entries but only {n} are stored: entry {n} is the first missing one (entries {n}..{last} were removed or the database was rolled back)</source>
        <translation>{name}覆盖 {size} 个条目，但只存有 {n} 个：条目 {n} 是第一个缺失的条目（条目 {n}..{last} 已被删除，或数据库已被回滚）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="293"/>
        <source>{name} (size {size}) does not match the stored entries: the ledger was rewritten (a fork)</source>
        <translation>{name}（大小 {size}）与存储的条目不一致：账本已被改写（分叉）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="297"/>
        <source>the ledger has entries but no signed checkpoint</source>
        <translation>账本有条目，但没有已签名的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="301"/>
        <source>entries {first}..{last} are not covered by any signed checkpoint</source>
        <translation>条目 {first}..{last} 未被任何已签名的检查点覆盖</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="305"/>
        <source>{n} stored subtree hashes are missing</source>
        <translation>缺少 {n} 个存储的子树哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="339"/>
        <source>a subtree hash is stored for odd level {level}, which the ledger never stores</source>
        <translation>存有奇数层 {level} 的子树哈希，而账本从不存储这一层</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="343"/>
        <source>entry {n} is missing: a stored subtree hash (level {level}, index {ix}) covers entries up to {end} but only 0..{last} are stored; the tail was cut</source>
        <translation>条目 {n} 缺失：一个存储的子树哈希（层 {level}，索引 {ix}）覆盖到条目 {end}，但只存有 0..{last}；末尾已被截去</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="349"/>
        <source>stored subtree hash (level {level}, index {ix}) over entries {first}..{last} does not match the entries</source>
        <translation>条目 {first}..{last} 上存储的子树哈希（层 {level}，索引 {ix}）与这些条目不一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="430"/>
        <source>entry {n} is missing (the next stored entry is {next})</source>
        <translation>条目 {n} 缺失（下一个存储的条目是 {next}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="432"/>
        <source>entry {n} appears twice or out of order</source>
        <translation>条目 {n} 出现两次或顺序错乱</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="433"/>
        <source>entry {n}: its leaf is stored as {type}, not as bytes</source>
        <translation>条目 {n}：其叶子以 {type} 而非字节形式存储</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="435"/>
        <source>entry {n}: its leaf hash is stored as {type}, not as bytes</source>
        <translation>条目 {n}：其叶子哈希以 {type} 而非字节形式存储</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="442"/>
        <source>entry {n}: stored leaf hash {stored} does not match its bytes ({computed})</source>
        <translation>条目 {n}：存储的叶子哈希 {stored} 与其内容不符（{computed}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="449"/>
        <source>entry {n}: the type column says {column} but the signed leaf is not a readable entry</source>
        <translation>条目 {n}：类型列为 {column}，但已签名的叶子不是可读的条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="511"/>
        <source>ledger entry {n} (witness.policy) has no whole-number quorum</source>
        <translation>账本条目 {n}（witness.policy）没有整数的法定数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="515"/>
        <source>restore the workspace from a backup, or add or remove the witness with `ledger witness` so that it is recorded</source>
        <translation>请从备份恢复工作区，或用 `ledger witness` 添加或移除该见证方，使其被记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="519"/>
        <source>witness {name} was added by ledger entry {n} and never removed, but the witness table no longer holds it (deleted outside the application); {redo}</source>
        <translation>见证方 {name} 由账本条目 {n} 添加且从未移除，但见证方表中已没有它（在应用程序之外删除）；{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="524"/>
        <source>witness {name}&apos;s URL in the witness table is not the one its ledger entry {n} records (changed outside the application); {redo}</source>
        <translation>见证方表中见证方 {name} 的 URL 与其账本条目 {n} 记录的不同（在应用程序之外被修改）；{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="527"/>
        <source>witness {name}&apos;s key in the witness table is not the one its ledger entry {n} records (changed outside the application); {redo}</source>
        <translation>见证方表中见证方 {name} 的密钥与其账本条目 {n} 记录的不同（在应用程序之外被修改）；{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="533"/>
        <source>witness {name} is in the witness table but ledger entry {n} removed it (added outside the application); {redo}</source>
        <translation>见证方 {name} 在见证方表中，但账本条目 {n} 已将其移除（在应用程序之外添加）；{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="536"/>
        <source>witness {name} is in the witness table but no witness.added entry records it (added outside the application); {redo}</source>
        <translation>见证方 {name} 在见证方表中，但没有 witness.added 条目记录它（在应用程序之外添加）；{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="541"/>
        <source>the default</source>
        <translation>默认数量</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="543"/>
        <source>the witness policy stored in the workspace asks for {stored} cosignature(s) but the last witness.policy entry ({n}) says {k} (changed outside the application); set it again with `ledger witness policy K`</source>
        <translation>工作区中存储的见证策略要求 {stored} 个联署签名，但最后一个 witness.policy 条目（{n}）规定为 {k} 个（在应用程序之外被修改）；请用 `ledger witness policy K` 重新设置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="548"/>
        <source>the witness policy stored in the workspace asks for {stored} cosignature(s) but no witness.policy entry sets one (changed outside the application); set it again with `ledger witness policy K`</source>
        <translation>工作区中存储的见证策略要求 {stored} 个联署签名，但没有 witness.policy 条目设定过（在应用程序之外被修改）；请用 `ledger witness policy K` 重新设置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="561"/>
        <source>the ledger_key table holds the key {vkey}, which the ledger&apos;s key chain never introduced</source>
        <translation>ledger_key 表中有密钥 {vkey}，但账本的密钥链从未引入过它</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="565"/>
        <source>the ledger_key table marks {active} active, but the key chain&apos;s current key is {current}</source>
        <translation>ledger_key 表将 {active} 标为当前密钥，但密钥链的当前密钥是 {current}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/verify.py" line="567"/>
        <source>no key</source>
        <translation>没有密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/base.py" line="299"/>
        <source>Corpus root {root} is a loop of symbolic links; give its real directory.</source>
        <extracomment>The member name of a refusal that concerns a whole shard or the damaged rest of it (a truncated tar, a truncated or bomb gzip stream, a file that is not what its format needs). Suffix of the temporary file a purge writes next to the shard it rewrites.</extracomment>
        <translation>语料库根目录 {root} 是符号链接循环；请给出其真实目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/base.py" line="301"/>
        <source>Corpus root {root} is not a directory.</source>
        <translation>语料库根目录 {root} 不是目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/base.py" line="372"/>
        <source>Item key {key} does not belong to shard {shard}.</source>
        <extracomment>True when purging a shard deletes it (a folder file) rather than rewriting it.</extracomment>
        <translation>条目键 {key} 不属于分片 {shard}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="62"/>
        <source>{path} cannot be read: {why}.</source>
        <translation>无法读取 {path}：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="69"/>
        <source>{path} is a single file that is not a shard (.tar, .jsonl[.gz], .parquet); to ingest loose files, give their folder.</source>
        <translation>{path} 是单个文件，但不是分片（.tar、.jsonl[.gz]、.parquet）；要导入零散文件，请给出其所在文件夹。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="73"/>
        <source>{path} is neither a directory nor a shard file.</source>
        <translation>{path} 既不是目录，也不是分片文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="91"/>
        <source>{path} is empty: there is nothing to ingest.</source>
        <translation>{path} 为空：没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="96"/>
        <source>{path} mixes shard formats ({found} shards); give the format explicitly.</source>
        <translation>{path} 混有多种分片格式（{found} 分片）；请明确指定格式。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="99"/>
        <source>{path} holds {shards} {fmt} shard(s) and {others} other file(s) such as {example}; give the format explicitly (folder or {fmt}).</source>
        <translation>{path} 含有 {shards} 个 {fmt} 分片和 {others} 个其他文件（例如 {example}）；请明确指定格式（folder 或 {fmt}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="102"/>
        <source>{path} has files named like {fmt} shards but none of them has {fmt} content.</source>
        <translation>{path} 中有名称类似 {fmt} 分片的文件，但没有一个含有 {fmt} 内容。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="123"/>
        <source>Unknown corpus format {fmt}; use one of auto, {formats}.</source>
        <translation>未知的语料库格式 {fmt}；请使用 auto、{formats} 之一。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="136"/>
        <location filename="../../ledger_app/services/corpora.py" line="194"/>
        <source>{path} is a loop of symbolic links; give the real directory of the corpus.</source>
        <translation>{path} 是符号链接循环；请给出语料库的真实目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="142"/>
        <source>{path} is a file; a folder corpus is a directory.</source>
        <translation>{path} 是文件；文件夹语料库必须是目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/detect.py" line="146"/>
        <source>{path} does not exist or is not a directory.</source>
        <translation>{path} 不存在或不是目录。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="28"/>
        <source>Shard path {path} is not a relative path inside the corpus.</source>
        <translation>分片路径 {path} 不是语料库内的相对路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="31"/>
        <source>Shard path {path} is not a plain relative path inside the corpus.</source>
        <translation>分片路径 {path} 不是语料库内的普通相对路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="47"/>
        <source>Cannot open the corpus root {root}: {why}.</source>
        <translation>无法打开语料库根目录 {root}：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="56"/>
        <source>Cannot open the directory of {path}: a symbolic link (not followed).</source>
        <translation>无法打开 {path} 所在的目录：这是符号链接（不会跟随）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="58"/>
        <source>Cannot open the directory of {path}: {why}.</source>
        <translation>无法打开 {path} 所在的目录：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="72"/>
        <source>{path} is a symbolic link; links are not followed.</source>
        <translation>{path} 是符号链接；不会跟随链接。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="73"/>
        <source>Cannot open {path}: {why}.</source>
        <translation>无法打开 {path}：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="79"/>
        <source>{path} is not a regular file ({kind}).</source>
        <translation>{path} 不是普通文件（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="85"/>
        <source>symbolic link</source>
        <extracomment>What a path is, as said in a refusal (file_kind&apos;s English, a word of its own for the window).</extracomment>
        <translation>符号链接</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="86"/>
        <source>directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="87"/>
        <source>FIFO</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="88"/>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="89"/>
        <source>character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="90"/>
        <source>block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="91"/>
        <source>regular file</source>
        <translation>普通文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="92"/>
        <source>special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="123"/>
        <source>The file ended {n} bytes early at offset {offset}.</source>
        <translation>文件在偏移量 {offset} 处提前 {n} 字节结束。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/files.py" line="195"/>
        <source>The source ended {n} bytes early at offset {offset}.</source>
        <translation>源数据在偏移量 {offset} 处提前 {n} 字节结束。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="238"/>
        <source>Item key {key} does not belong to the folder file {shard}.</source>
        <translation>条目键 {key} 不属于文件夹中的文件 {shard}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/folder.py" line="279"/>
        <source>A folder corpus is purged by deleting files, not by rewriting them.</source>
        <translation>文件夹语料库通过删除文件来清除，而不是重写文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/journal.py" line="49"/>
        <source>The purge journal {journal} belongs to a different purge (another corpus or another plan); use a new journal path for this one.</source>
        <translation>清除日志 {journal} 属于另一次清除（另一个语料库或另一份计划）；请为本次清除使用新的日志路径。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/journal.py" line="73"/>
        <source>The purge journal {journal} has version {version}, not {expected}.</source>
        <translation>清除日志 {journal} 的版本为 {version}，而不是 {expected}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="309"/>
        <location filename="../../ledger_app/corpus/webdataset.py" line="198"/>
        <source>The refusal {shard}#{member} is not an item that can be purged.</source>
        <translation>拒收记录 {shard}#{member} 不是可清除的条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/jsonl.py" line="320"/>
        <source>Cannot rewrite {shard}: {damage} after line {line}. Restore or repair the shard first; nothing was changed.</source>
        <translation>无法重写 {shard}：第 {line} 行之后 {damage}。请先恢复或修复该分片；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="73"/>
        <source>The content column {column} is not in the table (columns: {columns}).</source>
        <translation>内容列 {column} 不在表中（各列：{columns}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="75"/>
        <source>The content column {column} holds neither text nor bytes.</source>
        <translation>内容列 {column} 既不是文本也不是字节。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="88"/>
        <source>Cannot tell which column holds the content (the table has no columns); name it with content_column.</source>
        <translation>无法判断哪一列存放内容（表中没有列）；请用 content_column 指定。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="89"/>
        <source>Cannot tell which column holds the content (columns: {columns}); name it with content_column.</source>
        <translation>无法判断哪一列存放内容（各列：{columns}）；请用 content_column 指定。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="328"/>
        <source>Only rows can be purged from {shard}, not a refused row group or the shard.</source>
        <translation>只能从 {shard} 中清除行，不能清除被拒收的行组或整个分片。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="332"/>
        <source>Cannot rewrite {shard}: it is not a readable Parquet file ({why}).</source>
        <translation>无法重写 {shard}：它不是可读的 Parquet 文件（{why}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/parquet.py" line="358"/>
        <source>Cannot rewrite {shard}: row group {group} cannot be decoded ({why}). Restore or repair the shard first; nothing was changed.</source>
        <translation>无法重写 {shard}：行组 {group} 无法解码（{why}）。请先恢复或修复该分片；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge.py" line="106"/>
        <source>Cannot purge {shard}: {n} item(s) to remove are not in it ({shown}); the shard was not changed.</source>
        <extracomment>Test hook: called with a label at every step where a crash is interesting. A crash test installs a function that kills the process at the k-th call; production code never sets it. The longest file name most file systems accept (bytes); a temporary name must fit in it too.</extracomment>
        <translation>无法清除 {shard}：其中没有 {n} 个要移除的条目（{shown}）；分片未被更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge.py" line="163"/>
        <source>{shard} changed since its purge began (SHA-256 {current}, expected {expected}); the purge cannot safely continue.</source>
        <extracomment>Shards renamed into place whose directory fsync and `done` record are still to come: (result, the shard&apos;s directory). `run_purge` finishes them together, one fsync per directory and one journal append.</extracomment>
        <translation>{shard} 在清除开始后已被更改（SHA-256 为 {current}，应为 {expected}）；清除无法安全地继续。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge.py" line="176"/>
        <source>{shard} changed since its purge began (SHA-256 {current}, expected {expected} or {after}).</source>
        <translation>{shard} 在清除开始后已被更改（SHA-256 为 {current}，应为 {expected} 或 {after}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge_delete.py" line="33"/>
        <source>Cannot purge {shard}: {problem}</source>
        <translation>无法清除 {shard}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge_delete.py" line="58"/>
        <source>{shard} changed since its purge began (SHA-256 {current}, expected {expected}).</source>
        <translation>{shard} 在清除开始后已被更改（SHA-256 为 {current}，应为 {expected}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/purge.py" line="361"/>
        <source>The purge journal {journal} is inside the corpus {root}; keep it outside, where the corpus listing cannot mistake it for data.</source>
        <translation>清除日志 {journal} 位于语料库 {root} 之内；请将其放在语料库之外，以免语料库列表将其误认为数据。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/corpus/webdataset.py" line="195"/>
        <source>Cannot rewrite {shard}: {damage}. Restore or repair the shard first; nothing was changed.</source>
        <translation>无法重写 {shard}：{damage}。请先恢复或修复该分片；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="40"/>
        <source>the checkpoint held</source>
        <translation>所持有的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="41"/>
        <source>the new checkpoint</source>
        <translation>新的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="43"/>
        <source>{new_name} is for log {new_origin}, but {old_name} is for {old_origin}</source>
        <translation>{new_name}属于日志 {new_origin}，但{old_name}属于 {old_origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="48"/>
        <source>{new_name} covers {new_size} entries, fewer than the {old_size} of {old_name}: the ledger was rolled back (entries {new_size}..{last} are gone)</source>
        <translation>{new_name}覆盖 {new_size} 个条目，少于{old_name}的 {old_size} 个：账本已被回滚（条目 {new_size}..{last} 已丢失）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="55"/>
        <source>{new_name} and {old_name} both cover {size} entries but have different roots: the ledger forked</source>
        <translation>{new_name}与{old_name}都覆盖 {size} 个条目，但根哈希不同：账本已分叉</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/anchor.py" line="64"/>
        <source>{new_name} (size {new_size}) is not proven to extend {old_name} (size {old_size}): {problem}; the ledger forked</source>
        <translation>未能证明{new_name}（大小 {new_size}）延续了{old_name}（大小 {old_size}）：{problem}；账本已分叉</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="56"/>
        <source>malformed checkpoint: the body does not end with a newline</source>
        <translation>检查点格式错误：正文未以换行结尾</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="60"/>
        <source>malformed checkpoint: it needs an origin, a size and a root hash line</source>
        <translation>检查点格式错误：需要来源、大小和根哈希三行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="64"/>
        <source>malformed checkpoint: the origin line is empty</source>
        <translation>检查点格式错误：来源行为空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="66"/>
        <source>malformed checkpoint: the size {size} is not a decimal number without leading zeros</source>
        <translation>检查点格式错误：大小 {size} 不是不带前导零的十进制数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="69"/>
        <source>the checkpoint root hash</source>
        <translation>检查点根哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="71"/>
        <source>malformed checkpoint: {problem}</source>
        <translation>检查点格式错误：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="74"/>
        <source>malformed checkpoint: the root hash is {length} bytes, expected 32</source>
        <translation>检查点格式错误：根哈希为 {length} 字节，应为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="77"/>
        <source>malformed checkpoint: an extension line is empty</source>
        <translation>检查点格式错误：有一个扩展行为空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="103"/>
        <source>the checkpoint&apos;s origin is {found}, expected {origin}</source>
        <translation>该检查点的来源为 {found}，应为 {origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="106"/>
        <source>the checkpoint carries no verified log signature</source>
        <translation>该检查点没有经过验证的日志签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/checkpoint.py" line="111"/>
        <source>the checkpoint&apos;s origin {origin} is not the name of the key that signed it ({names})</source>
        <translation>该检查点的来源 {origin} 不是签署它的密钥的名称（{names}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="59"/>
        <source>the witness key {vkey} is unusable: {problem}</source>
        <translation>见证方密钥 {vkey} 不可用：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="62"/>
        <source>the witness key {key} is a note signing key (type {type}), not a cosignature/v1 witness key (type 0x04); ask the witness operator for the key `ledger witness keygen` printed</source>
        <translation>见证方密钥 {key} 是签名记录的签名密钥（类型 {type}），不是 cosignature/v1 见证方密钥（类型 0x04）；请向见证方运营者索取 `ledger witness keygen` 输出的密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="73"/>
        <location filename="../../ledger_app/ledger/note.py" line="328"/>
        <source>malformed note: no blank line separates the text from the signatures</source>
        <translation>签名记录格式错误：正文与签名之间没有空行分隔</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="83"/>
        <source>signature line {n} does not start with an em dash and a space</source>
        <translation>第 {n} 个签名行不是以破折号（—）加空格开头</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="87"/>
        <source>signature line {n} has no valid key name and signature</source>
        <translation>第 {n} 个签名行没有有效的密钥名称和签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="89"/>
        <source>signature line {n}</source>
        <translation>第 {n} 个签名行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="91"/>
        <source>signature line {n} ({name}) is too short</source>
        <translation>第 {n} 个签名行（{name}）过短</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="100"/>
        <source>the cosignature by {name} (key ID {key_id}) has timestamp {ts}; cosignature/v1 requires a non-zero time below 2**63</source>
        <translation>{name}（密钥 ID {key_id}）的联署签名时间戳为 {ts}；cosignature/v1 要求一个小于 2**63 的非零时间</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="135"/>
        <source>a witness quorum of {k} cannot be met by {n} witness key(s); give 1 to {n}</source>
        <translation>{n} 个见证方密钥无法满足 {k} 个的见证法定数；请给出 1 至 {n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="141"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="142"/>
        <source>the checkpoint is cosigned by {found} of the {given} witnesses given ({got}), fewer than the {k} required; missing: {missing}. It may not have been submitted to witnesses yet (`ledger witness submit`, then re-prove the document with `ledger witness cosign-document`)</source>
        <translation>该检查点只获得给定的 {given} 个见证方中 {found} 个的联署签名（{got}），少于要求的 {k} 个；缺少：{missing}。它可能尚未提交给见证方（请运行 `ledger witness submit`，再用 `ledger witness cosign-document` 重新为文档生成证明）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="158"/>
        <source>the witness&apos;s response does not end with a newline</source>
        <translation>见证方的响应未以换行结尾</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="162"/>
        <source>the witness answered {n} lines; expected 1 to {max} signature lines</source>
        <translation>见证方返回了 {n} 行；应为 1 至 {max} 个签名行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/cosignature.py" line="172"/>
        <source>the witness&apos;s response carries no cosignature by {key} (the key configured for it): check the key given to `ledger witness add`</source>
        <translation>见证方的响应中没有 {key}（为其配置的密钥）的联署签名：请检查提供给 `ledger witness add` 的密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="47"/>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="48"/>
        <source>report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="49"/>
        <source>summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="107"/>
        <source>AI Act training-content summary ({scope_kind}: {scope})</source>
        <translation>AI 法案训练内容摘要（{scope_kind}：{scope}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="112"/>
        <source>removal certificate for request {request} ({n} removed item)</source>
        <translation>请求 {request} 的删除证书（已删除 {n} 个条目）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="114"/>
        <source>removal certificate for request {request} ({n} removed items)</source>
        <translation>请求 {request} 的删除证书（已删除 {n} 个条目）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="118"/>
        <source>inclusion report ({n} matched ledger entry, each proven)</source>
        <translation>收录报告（{n} 个匹配的账本条目，已证明）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="120"/>
        <source>inclusion report ({n} matched ledger entries, each proven)</source>
        <translation>收录报告（{n} 个匹配的账本条目，均已证明）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="123"/>
        <source>OK: the {what} is signed by {key_name} (key ID {key_id}) and recorded as ledger entry {entry}, included in the signed checkpoint of size {size} (root {root}); document SHA-256 {sha256}.</source>
        <translation>通过：该{what}由 {key_name}（密钥 ID {key_id}）签名，记录为账本条目 {entry}，收录于大小为 {size} 的已签名检查点（根哈希 {root}）；文档 SHA-256 为 {sha256}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="130"/>
        <source>{ok} The checkpoint is cosigned by {n} of the {given} witnesses given ({names}).</source>
        <translation>{ok}该检查点已获得给定的 {given} 个见证方中 {n} 个的联署签名（{names}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="154"/>
        <source>{subject}&apos;s {part}</source>
        <translation>{subject}的 {part}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="159"/>
        <source>{subject} is not a base64 string</source>
        <translation>{subject}不是 base64 字符串</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="164"/>
        <location filename="../../ledger_app/ledger/note.py" line="67"/>
        <source>{subject} is not valid base64</source>
        <translation>{subject}不是有效的 base64</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="167"/>
        <location filename="../../ledger_app/ledger/note.py" line="70"/>
        <source>{subject} is not canonical base64</source>
        <translation>{subject}不是规范的 base64</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="174"/>
        <source>{subject} is not a non-negative integer (found {found})</source>
        <translation>{subject}不是非负整数（实际为 {found}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="194"/>
        <source>{subject} (ledger entry {n}) is not a ledger entry with a payload</source>
        <translation>{subject}（账本条目 {n}）不是带载荷的账本条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="198"/>
        <source>{subject} (ledger entry {n}) has unknown leaf version {version}</source>
        <translation>{subject}（账本条目 {n}）的叶版本 {version} 未知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="204"/>
        <source>{subject} (ledger entry {n}) is not canonical: {problem}</source>
        <translation>{subject}（账本条目 {n}）不是规范形式：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="208"/>
        <source>{subject} (ledger entry {n}) is not in canonical form</source>
        <translation>{subject}（账本条目 {n}）不是规范形式</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="216"/>
        <source>{subject} is missing or is not an object with index, leaf_data and leaf_hash</source>
        <translation>{subject}缺失，或不是含 index、leaf_data 和 leaf_hash 的对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="223"/>
        <source>{subject}&apos;s leaf_hash is not 64 lowercase hex digits</source>
        <translation>{subject}的 leaf_hash 不是 64 位小写十六进制数字</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="228"/>
        <source>{subject}&apos;s leaf_hash {claimed} is not SHA-256(0x00 || leaf_data) = {actual}: the leaf data or its hash was changed</source>
        <translation>{subject}的 leaf_hash {claimed} 不等于 SHA-256(0x00 || leaf_data) = {actual}：叶数据或其哈希已被修改</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="237"/>
        <source>{subject} is missing or is not a c2sp.org/tlog-proof@v1 text</source>
        <translation>{subject}缺失，或不是 c2sp.org/tlog-proof@v1 文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="243"/>
        <source>{subject} is unreadable: {problem}</source>
        <translation>{subject}无法读取：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="247"/>
        <source>{subject} is for ledger entry {found}, but the entry it should prove is {n}</source>
        <translation>{subject}针对的是账本条目 {found}，但它应证明的条目是 {n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="253"/>
        <source>{subject} does not verify: {problem}</source>
        <translation>{subject}验证失败：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="271"/>
        <location filename="../../ledger_app/verify.py" line="76"/>
        <source>the verifier key given is unusable: {problem}</source>
        <translation>给出的验证密钥不可用：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="275"/>
        <source>the file is not a JSON object</source>
        <translation>该文件不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="277"/>
        <source>the document nests arrays or objects deeper than {max} levels</source>
        <translation>该文档中数组或对象的嵌套超过 {max} 层</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="285"/>
        <source>the document&apos;s version is {version}; this verifier knows version {known}</source>
        <translation>该文档的版本为 {version}；本验证程序只认识版本 {known}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="290"/>
        <source>the document&apos;s kind {kind} is not {certificate}, {report} or {summary}</source>
        <translation>该文档的类型 {kind} 不是 {certificate}、{report} 或 {summary}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="298"/>
        <source>the {noun} was altered: {problem}</source>
        <translation>该{noun}已被改动：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="304"/>
        <source>the {noun} carries no signature object</source>
        <translation>该{noun}没有签名对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="307"/>
        <source>the signature&apos;s algorithm is {alg}, expected {expected}</source>
        <translation>签名算法为 {alg}，应为 {expected}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="312"/>
        <source>the {noun} says it is signed by {name} (key ID {key_id}), but the verifier key given is {given} (key ID {given_id}): check that you have this ledger&apos;s key</source>
        <translation>该{noun}声称由 {name}（密钥 ID {key_id}）签名，但给出的验证密钥是 {given}（密钥 ID {given_id}）：请确认您持有的是本账本的密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="320"/>
        <source>the signature object has unexpected fields {extra}</source>
        <translation>签名对象含有意外的字段 {extra}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="322"/>
        <source>the signature value</source>
        <translation>签名值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="327"/>
        <source>the signature does not match the {noun}&apos;s contents: a field was changed, added or removed after signing</source>
        <translation>签名与该{noun}的内容不符：签名之后有字段被修改、添加或删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="334"/>
        <source>the {noun} names ledger {origin} with key ID {key_id}, not the signing key {name} ({given_id})</source>
        <translation>该{noun}指明的账本为 {origin}（密钥 ID {key_id}），而不是签名密钥 {name}（{given_id}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="342"/>
        <source>the document_sha256 field ({found}) is not the SHA-256 of the signed {noun} ({digest})</source>
        <translation>document_sha256 字段（{found}）不是已签名{noun}的 SHA-256（{digest}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="348"/>
        <source>the entry</source>
        <translation>entry 字段</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="354"/>
        <source>ledger entry {n} is a {type} entry, not the {want} entry of this {noun}</source>
        <translation>账本条目 {n} 是 {type} 条目，而不是本{noun}的 {want} 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="361"/>
        <source>ledger entry {n} commits to document {found}, not to this {noun} ({digest})</source>
        <translation>账本条目 {n} 承诺的是文档 {found}，而不是本{noun}（{digest}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="366"/>
        <source>ledger entry {n} records a {found}, not a {kind}</source>
        <translation>账本条目 {n} 记录的是 {found}，而不是 {kind}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="371"/>
        <source>the tlog_proof</source>
        <translation>tlog_proof 字段</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="380"/>
        <source>a removal certificate carries no item_proofs</source>
        <translation>删除证书不应带有 item_proofs</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="391"/>
        <source>the {noun}&apos;s checkpoint fails the witness check: {problem}</source>
        <translation>该{noun}的检查点未通过见证检查：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="417"/>
        <source>the report carries no item_proofs list</source>
        <translation>该报告没有 item_proofs 列表</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="421"/>
        <source>the entry_index of item {item}</source>
        <translation>条目 {item} 的 entry_index</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="425"/>
        <source>item proof {k}</source>
        <translation>条目证明 {k}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="428"/>
        <source>{subject} repeats ledger entry {n}</source>
        <translation>{subject}重复了账本条目 {n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="431"/>
        <source>{subject} is for ledger entry {n}, which no item in the report names</source>
        <translation>{subject}针对账本条目 {n}，但报告中没有任何条目指向它</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="440"/>
        <source>{subject}: an item marked stored names ledger entry {n}, which is not a shard.manifest entry</source>
        <translation>{subject}：标记为 stored 的条目指向账本条目 {n}，它不是 shard.manifest 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="445"/>
        <source>{subject}: ledger entry {n} is a {type} entry, not item.ingested</source>
        <translation>{subject}：账本条目 {n} 是 {type} 条目，而不是 item.ingested</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="452"/>
        <source>{subject}: ledger entry {n} records item {found}, not {item}</source>
        <translation>{subject}：账本条目 {n} 记录的是条目 {found}，而不是 {item}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="457"/>
        <source>{subject}: ledger entry {n} records SHA-256 {found} for item {item}, not {sha256}</source>
        <translation>{subject}：账本条目 {n} 为条目 {item} 记录的 SHA-256 是 {found}，而不是 {sha256}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="465"/>
        <source>{subject}&apos;s tlog_proof is against another checkpoint than the report&apos;s own</source>
        <translation>{subject}的 tlog_proof 所依据的检查点不是报告自己的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="470"/>
        <source>the report has no proof for ledger entry {n} (item {item})</source>
        <translation>该报告缺少账本条目 {n}（条目 {item}）的证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="480"/>
        <source>{subject}: ledger entry {n} is a shard manifest, but item {item} is not marked stored</source>
        <translation>{subject}：账本条目 {n} 是分片清单，但条目 {item} 未标记为 stored</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="484"/>
        <source>the report has no stored_item_proofs entry for item {item}</source>
        <translation>该报告的 stored_item_proofs 中没有条目 {item}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="490"/>
        <source>{subject}: {problem}</source>
        <translation>{subject}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="493"/>
        <source>{subject}: the leaf of stored item {item} records SHA-256 {found}, not {sha256}</source>
        <translation>{subject}：存储条目 {item} 的叶数据记录的 SHA-256 是 {found}，而不是 {sha256}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="503"/>
        <source>the certificate&apos;s stored_item_proofs is not an object</source>
        <translation>证书的 stored_item_proofs 不是一个对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="508"/>
        <source>the certificate carries a stored item proof for {item}, which it does not list as removed</source>
        <translation>证书带有条目 {item} 的存储条目证明，但证书并未将该条目列为已删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="514"/>
        <source>the stored item proof of {item} is unreadable: {problem}</source>
        <translation>条目 {item} 的存储条目证明无法读取：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="518"/>
        <source>the stored item proof under {item} is the proof of item {other}</source>
        <translation>{item} 名下的存储条目证明实为条目 {other} 的证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="524"/>
        <source>the stored item proof of {item} fails: {problem}</source>
        <translation>条目 {item} 的存储条目证明未通过：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="529"/>
        <source>the stored item proof of {item} proves a leaf of corpus {corpus} with SHA-256 {sha256}, but the certificate lists corpus {want_corpus} with SHA-256 {want_sha256}</source>
        <translation>条目 {item} 的存储条目证明证明的是语料库 {corpus}、SHA-256 为 {sha256} 的叶子，但证书列出的是语料库 {want_corpus}、SHA-256 为 {want_sha256}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="548"/>
        <source>the newer checkpoint does not verify: {problem}</source>
        <translation>较新的检查点验证失败：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="552"/>
        <source>the newer checkpoint is for log {found}, not {origin}</source>
        <translation>较新的检查点属于日志 {found}，而不是 {origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="556"/>
        <source>the consistency proof is not a JSON object with a proof list</source>
        <translation>一致性证明不是带有 proof 列表的 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="560"/>
        <source>the consistency proof is from size {from_size} to {to_size}, but the checkpoints have sizes {old} and {new}</source>
        <translation>一致性证明是从大小 {from_size} 到 {to_size} 的，但两个检查点的大小为 {old} 和 {new}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="568"/>
        <source>the consistency proof&apos;s hashes are not hex</source>
        <translation>一致性证明中的哈希不是十六进制</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="571"/>
        <source>the newer checkpoint has the same size but another root: the log forked</source>
        <translation>较新的检查点大小相同但根哈希不同：日志已分叉</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/docverify.py" line="576"/>
        <source>the newer checkpoint does not extend the document&apos;s checkpoint: {problem}</source>
        <translation>较新的检查点并未延续该文档的检查点：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="182"/>
        <location filename="../../ledger_app/ledger/verify.py" line="104"/>
        <source>entry {n}: {problem}</source>
        <translation>条目 {n}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="185"/>
        <source>entry {n}: the leaf is not valid UTF-8 JSON ({problem})</source>
        <translation>条目 {n}：叶数据不是有效的 UTF-8 JSON（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="189"/>
        <source>entry {n}: the leaf is not a JSON object</source>
        <translation>条目 {n}：叶数据不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="191"/>
        <source>entry {n}: unknown leaf version {version}</source>
        <translation>条目 {n}：未知的叶版本 {version}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="194"/>
        <source>entry {n}: unknown entry type {type}</source>
        <translation>条目 {n}：未知的条目类型 {type}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="199"/>
        <source>entry {n}: the leaf {problem}</source>
        <translation>条目 {n}：叶数据 {problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="201"/>
        <source>entry {n}: the leaf bytes are not in canonical form</source>
        <translation>条目 {n}：叶数据的字节不是规范形式</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/entries.py" line="205"/>
        <source>entry {n}: the payload is not a JSON object</source>
        <translation>条目 {n}：载荷不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="58"/>
        <source>no item.ingested entry</source>
        <translation>没有 item.ingested 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="62"/>
        <source>the entry is not this item&apos;s item.ingested entry</source>
        <translation>该条目不是此条目的 item.ingested 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="67"/>
        <source>issue the document again</source>
        <translation>重新签发该文档</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="68"/>
        <source>item {item} does not match its ledger entry {n} ({field}); the workspace was altered — run `ledger log verify`, restore it from a backup, and {redo}</source>
        <translation>条目 {item} 与其账本条目 {n} 不符（{field}）；工作区已被改动——请运行 `ledger log verify`，从备份恢复，并{redo}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="88"/>
        <source>content hash or media type</source>
        <translation>内容哈希或媒体类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="90"/>
        <source>status {status}</source>
        <translation>状态 {status}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="96"/>
        <source>opt-out evidence</source>
        <translation>退出声明证据</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="98"/>
        <source>train-ai state</source>
        <translation>train-ai 状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="114"/>
        <source>item {item} matched by its URL, but its ledger entry {n} holds no commitment to a URL (ingested before URLs were committed, or the URL was added to the row later); its URL cannot be proven — ask by file or --hash instead</source>
        <translation>条目 {item} 按 URL 匹配，但其账本条目 {n} 不含对 URL 的承诺（导入时尚未承诺 URL，或 URL 是后来加到该行的）；其 URL 无法证明——请改为按文件或 --hash 查询</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/item_entries.py" line="121"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="270"/>
        <source>unknown key rotation record version {version}</source>
        <translation>未知的密钥轮换记录版本 {version}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="274"/>
        <source>the old key&apos;s signature</source>
        <translation>旧密钥的签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="276"/>
        <source>the new key&apos;s signature</source>
        <translation>新密钥的签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="279"/>
        <source>malformed key rotation record ({problem})</source>
        <translation>密钥轮换记录格式错误（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="282"/>
        <source>the key rotation record names the same key twice</source>
        <translation>密钥轮换记录两次列出同一个密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="285"/>
        <source>the key rotation record&apos;s signature by the old key {key} does not verify</source>
        <translation>密钥轮换记录中旧密钥 {key} 的签名验证失败</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="287"/>
        <source>the key rotation record&apos;s signature by the new key {key} does not verify</source>
        <translation>密钥轮换记录中新密钥 {key} 的签名验证失败</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="117"/>
        <location filename="../../ledger_app/ledger/manifest.py" line="162"/>
        <source>the stored subtree hashes do not describe a tree of {size} leaves</source>
        <extracomment>What the manifest index (the `shard_manifest` table) keeps of an entry, in its column order.</extracomment>
        <translation>存储的子树哈希不能构成一棵含 {size} 个叶的树</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="119"/>
        <source>index {i} is not inside a shard tree of size {size}</source>
        <translation>索引 {i} 不在大小为 {size} 的分片树内</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="123"/>
        <source>chunk {chunk} needs {want} leaf hashes, got {got}</source>
        <translation>块 {chunk} 需要 {want} 个叶哈希，实际为 {got} 个</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="152"/>
        <source>a proof node below a chunk lies outside the item&apos;s chunk</source>
        <translation>块以下的一个证明节点位于该条目所在的块之外</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="210"/>
        <source>the item proof has no {field}</source>
        <translation>条目证明没有 {field}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="214"/>
        <source>the item proof {field} is not base64</source>
        <translation>条目证明中的 {field} 不是 base64</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="220"/>
        <source>the item proof {field} is not a whole number</source>
        <translation>条目证明中的 {field} 不是非负整数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="226"/>
        <source>the item proof is not a JSON object of kind {kind}</source>
        <translation>条目证明不是类型为 {kind} 的 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="228"/>
        <source>the item proof has version {version}; this verifier knows version {known}</source>
        <translation>条目证明的版本为 {version}；本验证程序只认识版本 {known}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="232"/>
        <source>the item proof has no shard_proof list</source>
        <translation>条目证明没有 shard_proof 列表</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="234"/>
        <source>the item proof lacks the item ID or the tlog_proof</source>
        <translation>条目证明缺少条目 ID 或 tlog_proof</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="266"/>
        <source>the item proof {problem}</source>
        <translation>条目证明：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="268"/>
        <source>the item proof {field} is not a ledger entry</source>
        <translation>条目证明中的 {field} 不是账本条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="283"/>
        <source>the item proof of item {item} is missing</source>
        <translation>缺少条目 {item} 的条目证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="293"/>
        <source>the item proof names entry {n}, which is a {type} entry, not {manifest}</source>
        <translation>条目证明指向条目 {n}，它是 {type} 条目，而不是 {manifest}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="301"/>
        <source>the item proof&apos;s manifest entry has no root or count</source>
        <translation>条目证明的清单条目没有根哈希或数量</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="303"/>
        <source>the item proof gives a shard of {size} items; its manifest says {count}</source>
        <translation>条目证明给出的分片含 {size} 个条目；其清单记载为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="308"/>
        <source>the item proof&apos;s leaf is not the item.ingested entry of item {item}</source>
        <translation>条目证明的叶数据不是条目 {item} 的 item.ingested 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="311"/>
        <source>the item proof&apos;s item is of corpus {corpus}, its manifest of corpus {manifest_corpus}</source>
        <translation>条目证明中的条目属于语料库 {corpus}，其清单却属于语料库 {manifest_corpus}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="317"/>
        <source>the item proof does not place the item in its shard&apos;s tree (the manifest&apos;s root): {problem}</source>
        <translation>条目证明未能将该条目置于其分片的树中（清单的根哈希）：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="329"/>
        <source>the item proof does not place the manifest entry in the ledger: {problem}</source>
        <translation>条目证明未能将清单条目置于账本中：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored_manifests.py" line="82"/>
        <source>the ledger&apos;s latest checkpoint does not verify under its keys: {problem}</source>
        <translation>账本的最新检查点无法用其密钥验证：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored_manifests.py" line="86"/>
        <source>the ledger&apos;s latest checkpoint is of another log ({origin})</source>
        <translation>账本的最新检查点属于另一个日志（{origin}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored_manifests.py" line="94"/>
        <source>the manifest index does not hold the ledger&apos;s shard.manifest entries as they are (entry {n} differs: a row deleted, added or moved); run `ledger log verify --store`</source>
        <translation>清单索引与账本中的 shard.manifest 条目不一致（条目 {n} 不同：有行被删除、添加或移动）；请运行 `ledger log verify --store`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored_manifests.py" line="136"/>
        <source>the manifest index row of ledger entry {n} is not what the signed ledger holds there; run `ledger log verify --store`</source>
        <translation>账本条目 {n} 的清单索引行与已签名账本中该处的内容不符；请运行 `ledger log verify --store`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/manifest.py" line="332"/>
        <source>the item proof names manifest entry {n}, but its tlog-proof proves another index</source>
        <translation>条目证明指向清单条目 {n}，但其 tlog-proof 证明的是另一个索引</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="199"/>
        <source>index {i} is not inside a tree of size {size}</source>
        <translation>索引 {i} 不在大小为 {size} 的树内</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="201"/>
        <source>inclusion proof hashes must be 32 bytes each</source>
        <translation>包含证明的每个哈希必须为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="206"/>
        <source>inclusion proof is longer than the tree allows</source>
        <translation>包含证明比该树允许的更长</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="218"/>
        <source>inclusion proof is shorter than the tree requires</source>
        <translation>包含证明比该树要求的更短</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="225"/>
        <source>inclusion proof for leaf {leaf} in a tree of size {size} leads to root {got}, expected {expected}</source>
        <translation>大小为 {size} 的树中叶 {leaf} 的包含证明得出根哈希 {got}，应为 {expected}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="234"/>
        <source>cannot prove size {old} consistent with smaller size {new}</source>
        <translation>无法证明大小 {old} 与更小的大小 {new} 一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="236"/>
        <source>consistency proof hashes must be 32 bytes each</source>
        <translation>一致性证明的每个哈希必须为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="240"/>
        <source>a consistency proof from the empty tree proves nothing</source>
        <translation>从空树出发的一致性证明不能证明任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="243"/>
        <source>a consistency proof between equal sizes must be empty</source>
        <translation>相同大小之间的一致性证明必须为空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="245"/>
        <source>the two roots of the same size differ</source>
        <translation>相同大小的两个根哈希不同</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="248"/>
        <source>the consistency proof is empty</source>
        <translation>一致性证明为空</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="250"/>
        <source>roots must be 32 bytes each</source>
        <translation>每个根哈希必须为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="261"/>
        <source>the consistency proof is longer than the sizes allow</source>
        <translation>一致性证明比这两个大小允许的更长</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="274"/>
        <source>the consistency proof is shorter than the sizes require</source>
        <translation>一致性证明比这两个大小要求的更短</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="276"/>
        <source>consistency proof does not lead to the old root of size {size}: got {got}, expected {expected}</source>
        <translation>一致性证明得不出大小为 {size} 的旧根哈希：得到 {got}，应为 {expected}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/merkle.py" line="280"/>
        <source>consistency proof does not lead to the new root of size {size}: got {got}, expected {expected}</source>
        <translation>一致性证明得不出大小为 {size} 的新根哈希：得到 {got}，应为 {expected}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="136"/>
        <source>the cosignature by {name} (key ID {key_id}) does not verify: it is {length} bytes long, expected 72</source>
        <translation>{name}（密钥 ID {key_id}）的联署签名验证失败：其长度为 {length} 字节，应为 72 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="142"/>
        <source>the signature by {name} (key ID {key_id}) does not verify: it is {length} bytes long, expected 64</source>
        <translation>{name}（密钥 ID {key_id}）的签名验证失败：其长度为 {length} 字节，应为 64 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="148"/>
        <source>the signature by {name} (key ID {key_id}) does not verify: the note was altered or was not signed by this key</source>
        <translation>{name}（密钥 ID {key_id}）的签名验证失败：签名记录已被改动，或并非由该密钥签名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="223"/>
        <source>a verifier key has the form &lt;name&gt;+&lt;8 hex digits&gt;+&lt;base64 key&gt;</source>
        <translation>验证密钥的格式为 &lt;名称&gt;+&lt;8 位十六进制数字&gt;+&lt;base64 密钥&gt;</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="227"/>
        <source>the verifier key&apos;s name {name} is not valid</source>
        <translation>该验证密钥的名称 {name} 无效</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="230"/>
        <source>the verifier key&apos;s key ID is not 8 hex digits</source>
        <translation>该验证密钥的密钥 ID 不是 8 位十六进制数字</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="231"/>
        <source>the verifier key&apos;s public key</source>
        <translation>验证密钥的公钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="233"/>
        <source>the verifier key holds no public key</source>
        <translation>该验证密钥不含公钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="237"/>
        <source>unsupported</source>
        <translation>不受支持</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="238"/>
        <source>the verifier key has signature type {type} ({kind}); expected {expected}</source>
        <translation>该验证密钥的签名类型为 {type}（{kind}）；应为 {expected}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="243"/>
        <source>the verifier key&apos;s Ed25519 public key is {length} bytes, expected 32</source>
        <translation>该验证密钥的 Ed25519 公钥为 {length} 字节，应为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="247"/>
        <source>the verifier key&apos;s key ID {key_id} does not match its name and key (expected {expected})</source>
        <translation>该验证密钥的密钥 ID {key_id} 与其名称和密钥不符（应为 {expected}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="253"/>
        <source>the verifier key&apos;s public key is not a valid Ed25519 key</source>
        <translation>该验证密钥的公钥不是有效的 Ed25519 密钥</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="281"/>
        <source>malformed note: the note contains a control character (U+{code})</source>
        <translation>签名记录格式错误：记录中含有控制字符（U+{code}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="283"/>
        <source>malformed note: the text contains a control character (U+{code})</source>
        <translation>签名记录格式错误：正文中含有控制字符（U+{code}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="324"/>
        <source>malformed note: it is not valid UTF-8</source>
        <translation>签名记录格式错误：不是有效的 UTF-8</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="332"/>
        <source>malformed note: it has no signature lines</source>
        <translation>签名记录格式错误：没有签名行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="334"/>
        <source>malformed note: the last signature line does not end with a newline</source>
        <translation>签名记录格式错误：最后一个签名行未以换行结尾</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="341"/>
        <source>two different verifier keys share the name {name} and key ID {key_id}</source>
        <translation>两个不同的验证密钥使用相同的名称 {name} 和密钥 ID {key_id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="350"/>
        <source>malformed note: more than {max} signature lines</source>
        <translation>签名记录格式错误：签名行超过 {max} 行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="354"/>
        <source>malformed note: signature line {n} does not start with an em dash and a space</source>
        <translation>签名记录格式错误：第 {n} 个签名行不是以破折号（—）加空格开头</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="358"/>
        <source>malformed note: signature line {n} has no valid key name</source>
        <translation>签名记录格式错误：第 {n} 个签名行没有有效的密钥名称</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="363"/>
        <source>malformed note: signature line {n} ({name}) is not valid base64</source>
        <translation>签名记录格式错误：第 {n} 个签名行（{name}）不是有效的 base64</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="366"/>
        <source>malformed note: signature line {n} ({name}) is too short</source>
        <translation>签名记录格式错误：第 {n} 个签名行（{name}）过短</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="381"/>
        <source>none given</source>
        <translation>未给出</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/note.py" line="382"/>
        <source>the note has no signature from a known key (signatures from {found}; known keys: {expected})</source>
        <translation>该签名记录没有来自已知密钥的签名（签名来自 {found}；已知密钥：{expected}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="204"/>
        <source>{reason}; nothing was appended or signed</source>
        <translation>{reason}；未追加或签署任何内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="316"/>
        <source>nothing to append</source>
        <translation>没有可追加的内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="326"/>
        <source>this database already holds a ledger; open it with --db instead of `ledger init`</source>
        <translation>该数据库中已有一个账本；请用 --db 打开它，而不是运行 `ledger init`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="457"/>
        <source>the database holds entries 0..{last} but no signed checkpoint covers them</source>
        <translation>数据库存有条目 0..{last}，但没有已签名的检查点覆盖它们</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="462"/>
        <source>the ledger is empty but this workspace saw a signed checkpoint of {size} entries: the database was replaced or rolled back</source>
        <translation>账本为空，但本工作区曾见过一个含 {size} 个条目的已签名检查点：数据库已被替换或回滚</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="469"/>
        <source>the last signed checkpoint (#{id}, size {size})</source>
        <translation>最后一个已签名的检查点（#{id}，大小 {size}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="474"/>
        <source>{where} does not verify under the signing key: {problem}</source>
        <translation>{where}无法用签名密钥验证：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="478"/>
        <source>{where} names origin {found}, not this ledger&apos;s {origin}</source>
        <translation>{where}的来源为 {found}，而不是本账本的 {origin}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="483"/>
        <source>entries {first}..{last} are stored beyond {where} and were not written by an appender (entry {first} is the first one no checkpoint signs)</source>
        <translation>条目 {first}..{last} 存储在{where}之后，且并非由追加程序写入（条目 {first} 是第一个没有检查点签署的条目）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="490"/>
        <source>{where} covers {size} entries but only {n} are stored: entry {n} is the first missing one</source>
        <translation>{where}覆盖 {size} 个条目，但只存有 {n} 个：条目 {n} 是第一个缺失的条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="510"/>
        <source>the stored tree under {where} is incomplete ({problem})</source>
        <translation>{where}下存储的树不完整（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="516"/>
        <source>the stored subtree hashes under {where} no longer fold to its signed root: stored ledger rows were changed (run `ledger log verify` to name the entry)</source>
        <translation>{where}下存储的子树哈希已无法合成其已签名的根哈希：存储的账本行已被修改（运行 `ledger log verify` 可找出是哪个条目）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="525"/>
        <source>the workspace&apos;s witness checkpoint</source>
        <translation>工作区的见证检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="526"/>
        <source>the database&apos;s last signed checkpoint (#{id}, size {size})</source>
        <translation>数据库中最后一个已签名的检查点（#{id}，大小 {size}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="639"/>
        <source>the ledger is missing stored subtree hashes {lost}; run `ledger log verify`</source>
        <translation>账本缺少存储的子树哈希 {lost}；请运行 `ledger log verify`</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="660"/>
        <source>the ledger has {current} entries; size {size} is out of range</source>
        <translation>账本有 {current} 个条目；大小 {size} 超出范围</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="668"/>
        <location filename="../../ledger_app/ledger/store.py" line="686"/>
        <source>entry {index} is not in a tree of {n} entries</source>
        <translation>条目 {index} 不在包含 {n} 个条目的树中</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="700"/>
        <source>no consistency proof from size {old} to size {n}</source>
        <translation>没有从大小 {old} 到大小 {n} 的一致性证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/store.py" line="712"/>
        <source>there is no ledger entry {index}</source>
        <translation>不存在账本条目 {index}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="60"/>
        <source>malformed tlog-proof: {problem}</source>
        <translation>tlog-proof 格式错误：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="71"/>
        <source>it is not valid UTF-8</source>
        <translation>它不是有效的 UTF-8</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="74"/>
        <source>no empty line separates the proof from the checkpoint</source>
        <translation>证明与检查点之间没有空行分隔</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="76"/>
        <source>the signed checkpoint is missing</source>
        <translation>缺少已签名的检查点</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="79"/>
        <source>the first line is not {header}</source>
        <translation>第一行不是 {header}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="84"/>
        <source>the extra data</source>
        <translation>附加数据</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="89"/>
        <source>the index line is missing</source>
        <translation>缺少 index 行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="92"/>
        <source>the index {index} is not a decimal number without leading zeros</source>
        <translation>索引 {index} 不是不带前导零的十进制数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="97"/>
        <source>proof hash {n}</source>
        <translation>证明哈希 {n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="101"/>
        <source>proof hash {n} is {length} bytes, expected 32</source>
        <translation>证明哈希 {n} 为 {length} 字节，应为 32 字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="117"/>
        <source>the tlog-proof&apos;s index {i} is not inside its checkpoint&apos;s tree of size {size}</source>
        <translation>tlog-proof 的索引 {i} 不在其检查点大小为 {size} 的树内</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/tlogproof.py" line="124"/>
        <source>the tlog-proof&apos;s inclusion proof does not place this entry at index {i} under the signed checkpoint of size {size}: {problem}</source>
        <translation>tlog-proof 的包含证明未能将此条目置于大小为 {size} 的已签名检查点下的索引 {i} 处：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/verify.py" line="93"/>
        <source>{path} cannot be read ({problem})</source>
        <translation>无法读取 {path}（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/verify.py" line="146"/>
        <source>an item proof is checked with --vkey alone</source>
        <translation>条目证明只用 --vkey 核验</translation>
    </message>
    <message>
        <location filename="../../ledger_app/verify.py" line="159"/>
        <source>the consistency inputs cannot be read ({problem})</source>
        <translation>无法读取一致性输入（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/purge.py" line="61"/>
        <source>The purge of request {rid} stopped: {problem}</source>
        <translation>请求 {rid} 的清除已停止：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/ingest.py" line="160"/>
        <source>The ingest of {name} stopped: {problem}</source>
        <translation>{name} 的导入已停止：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="463"/>
        <source>{where} of {name}: the {type} request is incomplete; missing {missing}; nothing was imported (complete the file, or import with --record-anyway to record such requests as rejected)</source>
        <translation>{name} 的{where}：{type} 请求不完整，缺少 {missing}；未导入任何内容（请补全文件，或使用 --record-anyway 导入，将此类请求记录为已拒绝）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="820"/>
        <source>Nothing was recorded: add what is missing, keep it as a draft to amend (--draft), or record it as rejected (--record-anyway)</source>
        <translation>未记录任何内容：请补充缺少的部分，或保存为草稿以便修改（--draft），或将其记录为已拒绝（--record-anyway）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="822"/>
        <source>the DMCA notice is incomplete, missing: {missing}. {rest}</source>
        <translation>该 DMCA 通知不完整，缺少：{missing}。{rest}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/takedowns.py" line="825"/>
        <source>the {type} request is incomplete, missing: {missing}. {rest}</source>
        <translation>该 {type} 请求不完整，缺少：{missing}。{rest}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="84"/>
        <source>A key file already exists at {path}; refusing to overwrite it.</source>
        <translation>{path} 处已有密钥文件；拒绝覆盖它。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="73"/>
        <source>An empty passphrase is not allowed; choose a passphrase for the signing key.</source>
        <translation>不允许使用空口令；请为签名密钥选择一个口令。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="235"/>
        <source>No passphrase given; set {env} or run from a terminal.</source>
        <translation>未提供口令；请设置 {env}，或在终端中运行。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="164"/>
        <source>No signing key file at {path}.</source>
        <translation>{path} 处没有签名密钥文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="78"/>
        <source>The passphrase is not valid UTF-8 text (from {env} or the terminal); give it as UTF-8, e.g. in a UTF-8 locale.</source>
        <translation>口令不是有效的 UTF-8 文本（来自 {env} 或终端）；请以 UTF-8 提供，例如在 UTF-8 区域设置下输入。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="167"/>
        <source>The signing key file {path} cannot be read: {why}.</source>
        <translation>无法读取签名密钥文件 {path}：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="175"/>
        <source>The signing key file {path} is damaged or from a newer version (key file version {version}).</source>
        <translation>签名密钥文件 {path} 已损坏，或来自更新的版本（密钥文件版本 {version}）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="199"/>
        <source>The signing key file {path} is damaged: it is not a readable key file.</source>
        <translation>签名密钥文件 {path} 已损坏：它不是可读取的密钥文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="202"/>
        <source>The signing key file {path} is damaged: its name, public key and verifier key disagree.</source>
        <translation>签名密钥文件 {path} 已损坏：其名称、公钥与验证密钥彼此不一致。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="205"/>
        <source>The signing key file {path} is damaged: its salt, nonce or ciphertext has the wrong length.</source>
        <translation>签名密钥文件 {path} 已损坏：其盐值、随机数或密文的长度不正确。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="188"/>
        <source>The signing key file {path} is damaged: its scrypt parameters are out of range.</source>
        <translation>签名密钥文件 {path} 已损坏：其 scrypt 参数超出允许范围。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="215"/>
        <source>The signing key file {path} is damaged: the decrypted key does not match its public key.</source>
        <translation>签名密钥文件 {path} 已损坏：解密得到的密钥与其公钥不符。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="179"/>
        <source>The signing key file {path} is damaged: unknown cipher or key derivation.</source>
        <translation>签名密钥文件 {path} 已损坏：未知的加密算法或密钥派生方法。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="233"/>
        <source>The two passphrases differ; nothing was changed.</source>
        <translation>两次输入的口令不一致；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="210"/>
        <source>Wrong passphrase for the signing key {path} (or the file&apos;s encrypted part was altered).</source>
        <translation>签名密钥 {path} 的口令错误（或该文件的加密部分已被改动）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/keys.py" line="225"/>
        <source>{env} is set but empty; an empty passphrase is not allowed.</source>
        <translation>{env} 已设置但为空；不允许使用空口令。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="65"/>
        <source>an integer of {digits} digits is beyond ±(2**53 - 1)</source>
        <translation>一个 {digits} 位的整数超出了 ±(2**53 - 1) 的范围</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="104"/>
        <source>is not UTF-8 (byte {byte})</source>
        <translation>不是 UTF-8 编码（第 {byte} 字节）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="114"/>
        <source>is not valid JSON ({detail})</source>
        <translation>不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="50"/>
        <source>is refused: {reason}</source>
        <translation>被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="45"/>
        <source>it nests arrays or objects deeper than {depth} levels</source>
        <translation>其中数组或对象的嵌套超过 {depth} 层</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/certificate.py" line="141"/>
        <source>the certificate cannot be signed: {problem}</source>
        <translation>无法签署该证书：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="66"/>
        <source>a document body is a JSON object</source>
        <translation>文档正文必须是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="68"/>
        <source>a document body needs &quot;version&quot;: {version}</source>
        <translation>文档正文需要 &quot;version&quot;: {version}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="71"/>
        <source>a document body must not use the reserved keys {keys}</source>
        <translation>文档正文不得使用保留键 {keys}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="75"/>
        <source>the document cannot be signed: {problem}</source>
        <translation>无法签署该文档：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="85"/>
        <source>the document names ledger {origin} key {key_id}, but the active signing key is {name} ({active})</source>
        <translation>文档指明的是账本 {origin} 的密钥 {key_id}，但当前的签名密钥是 {name}（{active}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="122"/>
        <source>a {kind} document is recorded as {expected}, not {entry_type}</source>
        <translation>{kind} 文档应记录为 {expected}，而不是 {entry_type}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/document.py" line="128"/>
        <source>payload_extra must not override {keys}</source>
        <translation>payload_extra 不得覆盖 {keys}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="69"/>
        <source>the integer {value} is beyond ±(2**53 - 1)</source>
        <translation>整数 {value} 超出了 ±(2**53 - 1) 的范围</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="57"/>
        <source>the key {key} appears twice in one object</source>
        <translation>键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="74"/>
        <source>the number {number} is not an integer (write such values as strings)</source>
        <translation>数字 {number} 不是整数（此类数值请写成字符串）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="58"/>
        <source>{where} is not an object</source>
        <translation>{where} 不是对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="61"/>
        <source>{where} lacks {keys}</source>
        <translation>{where} 缺少 {keys}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="64"/>
        <source>{where} carries {keys}, which an inclusion report never reveals</source>
        <translation>{where} 带有 {keys}，而收录报告从不透露这些内容</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="67"/>
        <source>{where} has the unknown status {status}</source>
        <translation>{where} 的状态 {status} 未知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="69"/>
        <source>{where} has no valid ledger entry_index</source>
        <translation>{where} 没有有效的账本 entry_index</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="71"/>
        <source>{where} has a score that is not a string such as &quot;0.93&quot;</source>
        <translation>{where} 的得分不是 &quot;0.93&quot; 这样的字符串</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="73"/>
        <source>{where} has a stored flag that is not true</source>
        <translation>{where} 的 stored 标志不是 true</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="75"/>
        <source>{where} has a sha256 that is not lowercase hex</source>
        <translation>{where} 的 sha256 不是小写十六进制</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="83"/>
        <source>{where} has a region that is not {{item_covered, work_covered}} as whole per cents</source>
        <translation>{where} 的 region 不是以整数百分比表示的 {{item_covered, work_covered}}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="89"/>
        <source>query {n}</source>
        <translation>查询 {n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="91"/>
        <source>{where} is an object of query, verdict, items and near_copies only</source>
        <translation>{where} 必须是只含 query、verdict、items 和 near_copies 的对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="94"/>
        <source>{where} needs a query {{kind: file|hash|url, value}}</source>
        <translation>{where} 需要一个查询 {{kind: file|hash|url, value}}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="97"/>
        <source>{where} carries {keys}; a query is its kind, value and file name only</source>
        <translation>{where} 带有 {keys}；查询只包含其类型、值和文件名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="100"/>
        <source>{where}: a {kind} query is given by its lowercase hex SHA-256, never by its bytes</source>
        <translation>{where}：{kind} 查询以其小写十六进制 SHA-256 给出，绝不给出其字节</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="103"/>
        <source>{where} has the verdict {verdict}; expected included, purged or not_found</source>
        <translation>{where} 的结论为 {verdict}；应为 included、purged 或 not_found</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="105"/>
        <source>item {k} of {query}</source>
        <translation>{query} 的条目 {k}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="107"/>
        <source>near copy {k} of {query}</source>
        <translation>{query} 的近似副本 {k}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="110"/>
        <source>{where} is not_found yet lists matches</source>
        <translation>{where} 的结论是 not_found，却列出了匹配项</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="112"/>
        <source>{where} is {verdict} without any matched item</source>
        <translation>{where} 的结论是 {verdict}，却没有任何匹配条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="122"/>
        <source>an inclusion report answers at least one query</source>
        <translation>收录报告至少要回答一个查询</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="134"/>
        <source>the report cannot be signed: {problem}</source>
        <translation>无法签署该报告：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="155"/>
        <source>ledger entry {index} is not the shard manifest of stored item {item}, or the item has no proof in its shard</source>
        <translation>账本条目 {index} 不是存储条目 {item} 的分片清单，或者该条目在其分片中没有证明</translation>
    </message>
    <message>
        <location filename="../../ledger_app/certificates/report.py" line="159"/>
        <source>ledger entry {index} is not the item.ingested entry of item {item}</source>
        <translation>账本条目 {index} 不是条目 {item} 的 item.ingested 条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="75"/>
        <source>{path} has the key {key} with a character beyond U+FFFF</source>
        <translation>{path} 含有键 {key}，其中有超出 U+FFFF 的字符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="70"/>
        <source>{path} has the non-string key {key}</source>
        <translation>{path} 含有非字符串的键 {key}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="52"/>
        <source>{path} holds a lone surrogate, which has no UTF-8 encoding</source>
        <translation>{path} 含有孤立的代理字符，它没有 UTF-8 编码</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="83"/>
        <source>{path} holds a {kind}, which is not a JSON value</source>
        <translation>{path} 含有 {kind} 类型的值，它不是 JSON 值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="64"/>
        <source>{path} holds the floating-point number {value}; documents hold none (write it as a string)</source>
        <translation>{path} 含有浮点数 {value}；文档中不允许浮点数（请写成字符串）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="59"/>
        <source>{path} holds the integer {value}, beyond the 2**53 that JSON numbers keep exactly</source>
        <translation>{path} 含有整数 {value}，超出了 JSON 数字能精确保存的 2**53</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/messages.py" line="267"/>
        <source>{reason}: line {line} column {column} (char {char})</source>
        <extracomment>`str(json.JSONDecodeError)`: the reason and its place.</extracomment>
        <translation>{reason}：第 {line} 行第 {column} 列（第 {char} 个字符）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="79"/>
        <source>{text} is not a JSON value</source>
        <translation>{text} 不是 JSON 值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/strictjson.py" line="33"/>
        <source>{what} {problem}</source>
        <translation>{what} {problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/documents.py" line="45"/>
        <source>the document{path}</source>
        <translation>文档{path}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="159"/>
        <source>cannot be read ({why})</source>
        <translation>无法读取（{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="168"/>
        <source>does not give the manifest&apos;s tree size and root</source>
        <translation>得出的树大小和根哈希与清单不符</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="162"/>
        <source>has another SHA-256 than its manifest says</source>
        <translation>的 SHA-256 与其清单所记录的不同</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="172"/>
        <source>has a lookup filter (.sha) that is not the one its items give; delete the filter or write the shard again</source>
        <translation>的查找过滤器（.sha）与其条目所生成的不一致；请删除该过滤器或重新写入该分片</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="166"/>
        <source>holds a leaf that does not match its stored hash</source>
        <translation>含有与其存储的哈希不符的叶子</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/stored.py" line="152"/>
        <source>the fingerprint store file {file} of shard {shard} of corpus {corpus} {problem} (manifest entry {n})</source>
        <translation>语料库 {corpus} 的分片 {shard} 的指纹存储文件 {file}{problem}（清单条目 {n}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="181"/>
        <source>a purge record for shard {shard} that the ledger does not hold</source>
        <translation>一条分片 {shard} 的清除记录，而账本中没有对应记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="263"/>
        <source>corpus {corpus} cannot be opened to re-check it ({problem})</source>
        <translation>无法打开语料库 {corpus} 以重新核对（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="234"/>
        <source>corpus {corpus} of shard {shard} is not registered</source>
        <translation>分片 {shard} 所属的语料库 {corpus} 未注册</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="205"/>
        <source>item {item} is {status} with SHA-256 {got} in {table}, but {where} record it purged with SHA-256 {want}</source>
        <translation>条目 {item} 在{table}中的状态为 {status}，SHA-256 为 {got}，但{where}记录它已被清除，SHA-256 为 {want}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="198"/>
        <source>item {item}, purged according to {where}, has no item row</source>
        <translation>根据{where}已被清除的条目 {item} 没有条目记录行</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="173"/>
        <source>its status is {status}, but {where} record a purge</source>
        <translation>其状态为 {status}，但{where}记录了一次清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="170"/>
        <source>its takedown.purged entries {indexes}</source>
        <translation>其 takedown.purged 条目 {indexes}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="168"/>
        <source>its takedown.purged entry {indexes}</source>
        <translation>其 takedown.purged 条目 {indexes}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="124"/>
        <source>ledger entry {n} does not say which corpus shard {shard} belongs to</source>
        <translation>账本条目 {n} 未说明分片 {shard} 属于哪个语料库</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="115"/>
        <source>ledger entry {n} is not covered by the latest signed checkpoint</source>
        <translation>账本条目 {n} 不在最新已签名检查点的覆盖范围内</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="132"/>
        <source>ledger entry {n} is not the one the signed checkpoint includes</source>
        <translation>账本条目 {n} 不是已签名检查点所包含的那一条</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="109"/>
        <source>ledger entry {n} is unreadable ({problem})</source>
        <translation>账本条目 {n} 无法读取（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="112"/>
        <source>ledger entry {n}&apos;s type column says {purged} but its signed leaf is a {type}</source>
        <translation>账本条目 {n} 的类型列为 {purged}，但其已签名的叶子是 {type}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="183"/>
        <source>no purge record for shard {shard} that the ledger holds</source>
        <translation>没有账本中记录的分片 {shard} 的清除记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="74"/>
        <source>request {rid}: {problem}; no certificate was issued</source>
        <translation>请求 {rid}：{problem}；未签发证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="248"/>
        <source>shard {shard} of corpus {corpus} cannot be read to re-check it ({why})</source>
        <translation>无法读取语料库 {corpus} 的分片 {shard} 以重新核对（{why}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="241"/>
        <source>shard {shard} of corpus {corpus} exists again, but the purge emptied and removed it</source>
        <translation>语料库 {corpus} 的分片 {shard} 又出现了，但清除操作已将其清空并删除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="252"/>
        <source>shard {shard} of corpus {corpus} has SHA-256 {got}, not the {want} the ledger recorded after the purge: it changed since (restored from a backup?)</source>
        <translation>语料库 {corpus} 的分片 {shard} 的 SHA-256 为 {got}，而不是账本在清除后记录的 {want}：它此后被更改过（是否从备份中恢复了？）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="268"/>
        <source>shard {shard} of corpus {corpus} still holds {key}, whose content the ledger records as purged</source>
        <translation>语料库 {corpus} 的分片 {shard} 仍含有 {key}，而账本记录其内容已被清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="203"/>
        <source>the fingerprint store</source>
        <translation>指纹存储</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="202"/>
        <source>the item table</source>
        <translation>条目表</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="98"/>
        <source>the ledger cannot be trusted as stored ({reason})</source>
        <translation>按所存储的状态，账本不可信（{reason}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="136"/>
        <source>the ledger holds no takedown.purged entry for it, so nothing was purged whatever the request&apos;s status and purge records say (the state tables were edited, or the purge never ran)</source>
        <translation>账本中没有它的 takedown.purged 条目，因此无论请求状态和清除记录如何显示，实际上都没有清除任何内容（状态表被修改过，或清除从未执行）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/services/evidence.py" line="185"/>
        <source>the purge_record table disagrees with {where}: it has {detail}</source>
        <translation>purge_record 表与{where}不一致：其中有{detail}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="30"/>
        <source>an empty URL cannot be matched</source>
        <translation>空 URL 无法匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="117"/>
        <source>{domain} is not a domain name</source>
        <translation>{domain} 不是域名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="42"/>
        <source>{url} has no host name</source>
        <translation>{url} 没有主机名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="44"/>
        <source>{url} is not a URL: it looks like a hash; give it as a hash (--hash) instead</source>
        <translation>{url} 不是 URL：它看起来像哈希值；请改为以哈希值（--hash）提供</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="37"/>
        <source>{url} is not a valid URL ({problem})</source>
        <translation>{url} 不是有效的 URL（{problem}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="85"/>
        <source>{value} is not a SHA-256 value: it contains {bad}; a SHA-256 is 64 hex digits (0-9, a-f)</source>
        <translation>{value} 不是 SHA-256 值：它含有 {bad}；SHA-256 由 64 个十六进制数字（0-9、a-f）组成</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/urls.py" line="89"/>
        <source>{value} is not a SHA-256 value: it has {n} hex digits, a SHA-256 has 64; check that it was copied whole</source>
        <translation>{value} 不是 SHA-256 值：它有 {n} 个十六进制数字，而 SHA-256 有 64 个；请检查是否完整复制</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="258"/>
        <source>setting {key} takes a value in {range}, not {value}</source>
        <translation>设置 {key} 的取值范围为 {range}，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="289"/>
        <source>setting {key} takes a {type}, not {value}</source>
        <translation>设置 {key} 需要 {type} 类型的值，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="115"/>
        <source>the interface language is a per-user preference now: choose it in the app (Settings, Preferences)</source>
        <translation>界面语言现在是每位用户各自的偏好设置：请在应用中选择（设置，偏好设置）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="279"/>
        <source>the setting {key} was removed: {why}</source>
        <translation>设置 {key} 已被移除：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="117"/>
        <source>the theme is a per-user preference now: choose it in the app (Settings, Preferences)</source>
        <translation>主题现在是每位用户各自的偏好设置：请在应用中选择（设置，偏好设置）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="170"/>
        <source>the workspace settings file {path} cannot be read: {problem}</source>
        <translation>无法读取工作区设置文件 {path}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="174"/>
        <source>the workspace settings file {path} does not hold a JSON object</source>
        <translation>工作区设置文件 {path} 中不是一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="178"/>
        <source>the workspace settings file {path} has the version {version}, which is not a whole number from 1; correct it or move the file away to start from the defaults</source>
        <translation>工作区设置文件 {path} 的版本为 {version}，这不是从 1 起的整数；请更正它，或将该文件移走以从默认设置开始</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="184"/>
        <source>the workspace settings file {path} was written by a newer version of the application (settings version {version}; this one knows up to {known}): upgrade the application to use this workspace</source>
        <translation>工作区设置文件 {path} 由更新版本的应用写入（设置版本 {version}；本版本最高只认识 {known}）：请升级应用以使用此工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="282"/>
        <source>there is no setting named {key} (`ledger settings show` lists them)</source>
        <translation>没有名为 {key} 的设置（`ledger settings show` 会列出所有设置）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="229"/>
        <source>{key} = {value} is outside {range}; {clamped} applies</source>
        <translation>{key} = {value} 超出范围 {range}；改用 {clamped}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="128"/>
        <source>{key} was removed from the workspace settings: {why}</source>
        <translation>{key} 已从工作区设置中移除：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/core/settings.py" line="224"/>
        <source>{problem}; the default {default} applies</source>
        <translation>{problem}；改用默认值 {default}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="100"/>
        <source>the witness state file {path} is damaged; restore it from a backup (starting afresh would let every log roll back once)</source>
        <translation>见证状态文件 {path} 已损坏；请从备份中恢复（重新开始会让每个日志都能回滚一次）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="152"/>
        <source>log {origin} needs one or more Ed25519 verifier keys (name+keyid+base64)</source>
        <translation>日志 {origin} 需要一个或多个 Ed25519 验证密钥（name+keyid+base64）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="364"/>
        <source>--listen {value} is not HOST:PORT (e.g. 127.0.0.1:8470)</source>
        <translation>--listen {value} 不是 HOST:PORT 格式（例如 127.0.0.1:8470）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="373"/>
        <source>the log origin {origin} is empty or contains spaces</source>
        <translation>日志来源 {origin} 为空或含有空格</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="377"/>
        <source>the key given for log {origin} is unusable: {problem}</source>
        <translation>为日志 {origin} 提供的密钥无法使用：{problem}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ledger/witness_server.py" line="381"/>
        <source>give at least one log to witness: --log ORIGIN VKEY</source>
        <translation>请至少提供一个要见证的日志：--log ORIGIN VKEY</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="217"/>
        <source>Display name on entries (empty: the account name; four-eyes compares accounts):</source>
        <translation>条目上的显示名称（留空：使用账户名；四眼原则比较的是账户）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="218"/>
        <source>Quarantine items whose Content Credentials are invalid</source>
        <translation>隔离内容凭证无效的条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="219"/>
        <source>Quarantine items whose manifest cannot be read</source>
        <translation>隔离清单无法读取的条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="220"/>
        <source>Ingest worker processes (0: one per core):</source>
        <translation>导入工作进程数（0：每个核心一个）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="221"/>
        <source>Largest image accepted, in pixels:</source>
        <translation>可接受的最大图像（像素）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="222"/>
        <source>Image match: largest PDQ distance (0–256):</source>
        <translation>图像匹配：最大 PDQ 距离（0–256）：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="223"/>
        <source>Text match: smallest containment score:</source>
        <translation>文本匹配：最低包含度分数：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="224"/>
        <source>Days until a request without a legal deadline is due:</source>
        <translation>无法定期限的请求的处理天数：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="225"/>
        <source>Four-eyes rule: the approver of a takedown must differ from its handler</source>
        <translation>四眼原则：下架请求的批准人必须不同于经办人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="229"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="230"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="231"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="232"/>
        <source>the default per-user workspace</source>
        <translation>默认的个人工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="233"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="234"/>
        <source>Database URL:</source>
        <translation>数据库 URL：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="236"/>
        <source>empty: the workspace&apos;s own SQLite database; team mode: postgresql://user@host/db</source>
        <translation>留空：使用工作区自带的 SQLite 数据库；团队模式：postgresql://user@host/db</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="238"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="239"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="241"/>
        <source>Ledger and user</source>
        <translation>账本与用户</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="242"/>
        <source>Content Credentials (C2PA)</source>
        <translation>内容凭证 (C2PA)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="243"/>
        <source>Ingest</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="244"/>
        <source>Matching thresholds</source>
        <translation>匹配阈值</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="245"/>
        <source>Takedowns</source>
        <translation>下架请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="249"/>
        <source>Ledger origin:</source>
        <translation>账本来源标识：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="259"/>
        <source>Save workspace settings</source>
        <translation>保存工作区设置</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="260"/>
        <source>Preferences (this user)</source>
        <translation>偏好设置（当前用户）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="261"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="262"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="263"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="263"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="263"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="271"/>
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="289"/>
        <source>Connecting to the team database {url}…</source>
        <translation>正在连接团队数据库 {url}…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="290"/>
        <source>Opening the workspace {folder}…</source>
        <translation>正在打开工作区 {folder}…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="290"/>
        <source>(the default one)</source>
        <translation>（默认工作区）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="310"/>
        <source>The current workspace stays open.</source>
        <translation>当前工作区保持打开。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="314"/>
        <source>Stopped waiting; nothing was opened.</source>
        <translation>已停止等待，未打开任何工作区。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="339"/>
        <source>● Unsaved changes: {n}</source>
        <translation>● 未保存的更改：{n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="352"/>
        <source>(no ledger yet)</source>
        <translation>（尚无账本）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/settings.py" line="382"/>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>TakedownCaseSteps</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="56"/>
        <source>Reject request #{id}</source>
        <translation>驳回请求 #{id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="57"/>
        <source>The request is refused and the reason recorded in the ledger; tell the requester why.</source>
        <translation>请求将被驳回，理由记入账本；请告知请求人原因。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="74"/>
        <source>Extend the deadline of request #{id}</source>
        <translation>延长请求 #{id} 的期限</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="75"/>
        <source>GDPR Art. 12(3): the deadline may be extended by up to two further months where necessary; the requester must be told within the first month, with the reasons.</source>
        <translation>GDPR 第 12(3) 条：必要时期限最多可再延长两个月；须在第一个月内告知请求人并说明理由。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="122"/>
        <source>Attach the original notice</source>
        <translation>附上原始通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="123"/>
        <source>Notices (*.eml *.pdf *.txt *.html *.msg);;All files (*)</source>
        <translation>通知 (*.eml *.pdf *.txt *.html *.msg);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TakedownCertificate</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="52"/>
        <source>Save removal certificate</source>
        <translation>保存删除证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="53"/>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="56"/>
        <source>Certificates (*.json)</source>
        <translation>证书 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="56"/>
        <source>Open removal certificate</source>
        <translation>打开删除证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="75"/>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="83"/>
        <source>No certificate issued yet.</source>
        <translation>尚未签发证书。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="81"/>
        <source>No certificate has been issued for request #{id}.</source>
        <translation>请求 #{id} 尚未签发证书。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="82"/>
        <source>It is issued once the request is purged.</source>
        <translation>请求清除后即可签发。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="90"/>
        <source>Request #{id} was certified: its certificate is ledger entry {entry}. The file was saved outside this window; open it to preview it and verify it again.</source>
        <translation>请求 #{id} 已签发证书：证书为账本条目 {entry}。证书文件不是在此窗口中保存的；打开该文件即可预览并再次验证。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="92"/>
        <source>Certificate issued (ledger entry {entry}); its file is not at hand.</source>
        <translation>证书已签发（账本条目 {entry}）；证书文件不在此处。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="104"/>
        <source>{file} is the certificate of request #{other}, not of #{id}.</source>
        <translation>{file} 是请求 #{other} 的证书，而不是 #{id} 的。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="107"/>
        <source>{file} cannot be shown: {reason}</source>
        <translation>无法显示 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="109"/>
        <source>No certificate to preview.</source>
        <translation>没有可预览的证书。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="113"/>
        <source>Certificate of request #{id}: {file}, recorded as ledger entry {entry}. Verified offline: signed by {key}, included in the signed checkpoint of size {size}.</source>
        <translation>请求 #{id} 的证书：{file}，记录为账本条目 {entry}。已离线验证：由 {key} 签名，包含在大小为 {size} 的已签名检查点中。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/certificate.py" line="120"/>
        <source>No PDF beside {file}.</source>
        <translation>{file} 旁没有 PDF。</translation>
    </message>
</context>
<context>
    <name>TakedownDrafts</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="184"/>
        <source>Keep as draft with these changes</source>
        <translation>保存修改，仍作为草稿</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="224"/>
        <source>A new letter asks for what is still missing: {path}</source>
        <translation>已写好一封新信函，索要仍缺少的内容：{path}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="227"/>
        <source>Kept as draft D{id}; still missing: {missing}</source>
        <translation>已保存为草稿 D{id}；仍缺少：{missing}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="231"/>
        <source>Draft D{id} kept with the changes; still missing: {missing}</source>
        <translation>草稿 D{id} 已保存修改；仍缺少：{missing}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="234"/>
        <source>Draft D{draft} recorded as request #{id}, due {due}.</source>
        <translation>草稿 D{draft} 已记录为请求 #{id}，截止日期 {due}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="252"/>
        <source>Discard draft</source>
        <translation>丢弃草稿</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="253"/>
        <source>Discard draft D{id}? It, its requester&apos;s name and contact, and the letters written for it are deleted; this cannot be undone.</source>
        <translation>丢弃草稿 D{id}？该草稿、其请求人的姓名和联系方式以及为其撰写的信件都将被删除；此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="274"/>
        <source>{n} letter file(s) deleted.</source>
        <translation>已删除 {n} 个信件文件。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="276"/>
        <source>Left for you to check: {files}</source>
        <translation>留待您检查：{files}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="257"/>
        <source>Discard D{id}</source>
        <translation>丢弃 D{id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/drafts.py" line="272"/>
        <source>Draft D{id} discarded.</source>
        <translation>草稿 D{id} 已丢弃。</translation>
    </message>
</context>
<context>
    <name>TakedownIntake</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="36"/>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="47"/>
        <source>Request #{id} was recorded but rejected: {reason}</source>
        <translation>请求 #{id} 已记录但被驳回：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="50"/>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="95"/>
        <source>Request #{id} opened, due {due}. Locate its matches next.</source>
        <translation>请求 #{id} 已创建，截止 {due}。下一步请定位其匹配。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="63"/>
        <source>The request was not recorded: an unexpected error (see the report).</source>
        <translation>请求未被记录：发生了意外错误（见错误报告）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="79"/>
        <source>Save the request for the missing elements in</source>
        <translation>将索取缺少要素的函件保存到</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="102"/>
        <source>Kept as draft D{id} (not recorded); the request for the missing elements is in {eml}.</source>
        <translation>已存为草稿 D{id}（未记录）；索取缺少要素的函件位于 {eml}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/intake.py" line="122"/>
        <source>Imported {n} requests from {file}.</source>
        <translation>已从 {file} 导入 {n} 个请求。</translation>
    </message>
</context>
<context>
    <name>TakedownLegalSteps</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="85"/>
        <source>Identity check recorded: {result}.</source>
        <translation>已记录身份核查：{result}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="91"/>
        <source>{scope} refusal recorded on {ground}; {n} items retained.</source>
        <translation>已依据 {ground} 记录{scope}拒绝；保留 {n} 个条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="92"/>
        <source>Partial</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="92"/>
        <source>Full</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="161"/>
        <source>Restore the items of request #{id}</source>
        <translation>恢复请求 #{id} 的条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="166"/>
        <source>The restore window is open: {why}. Restore the counter-noticed items now?</source>
        <translation>恢复期已开始：{why}。现在恢复反通知所涉条目吗？</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="169"/>
        <source>Each item&apos;s block is lifted. An item whose copy was retained is re-admitted from it (as the corpus restored-r{id}, written into the workspace&apos;s restored folder, or a folder you choose); for the others the ledger records the source to re-acquire.</source>
        <translation>每个条目的屏蔽都将解除。保留了副本的条目将从副本重新收录（作为语料库 restored-r{id}，写入工作区的 restored 文件夹或您选择的文件夹）；其余条目由账本记录需重新获取的来源。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="172"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="173"/>
        <source>Restore into…</source>
        <translation>恢复到…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="178"/>
        <source>Nothing can be restored now: {why}.</source>
        <translation>现在无法恢复任何条目：{why}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="189"/>
        <source>Restore the items into</source>
        <translation>将条目恢复到</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="222"/>
        <source>Court action on request #{id}</source>
        <translation>请求 #{id} 的法院诉讼</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="223"/>
        <source>The claimant says it filed an action seeking a court order to restrain the subscriber: the items stay removed. Describe it (court, case number, date of the claimant&apos;s notice).</source>
        <translation>主张方称已提起诉讼，寻求法院命令禁止该用户的行为：条目保持移除。请加以说明（法院、案号、主张方通知的日期）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="259"/>
        <source>Save the Art. 19 notices in</source>
        <translation>第 19 条通知保存到</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="266"/>
        <source>{n} notices written to {folder} and recorded as sent.</source>
        <translation>已将 {n} 份通知写入 {folder}，并记录为已发送。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="296"/>
        <source>Save the reply in</source>
        <translation>回复保存到</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="312"/>
        <source>Written: {eml} and {pdf}; recorded as ledger entry {entry}.</source>
        <translation>已写出：{eml} 和 {pdf}；记录为账本条目 {entry}。</translation>
    </message>
</context>
<context>
    <name>TakedownQueue</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/queue.py" line="131"/>
        <source>{open} open, {overdue} overdue; {shown} of {total} shown</source>
        <translation>{open} 个未结，{overdue} 个逾期；显示 {shown}/{total} 个</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/queue.py" line="135"/>
        <source>review decisions not yet recorded on {requests}</source>
        <translation>尚未记录的审核决定：{requests}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/queue.py" line="159"/>
        <source>Export the queue</source>
        <translation>导出队列</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/queue.py" line="160"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/queue.py" line="170"/>
        <source>Exported {n} requests to {file}.</source>
        <translation>已将 {n} 个请求导出到 {file}。</translation>
    </message>
</context>
<context>
    <name>TakedownQueueModel</name>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="35"/>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="35"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="35"/>
        <source>Requester</source>
        <translation>请求方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="35"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="35"/>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="36"/>
        <source>Due by</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="36"/>
        <source>Matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="36"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="36"/>
        <source>Assignee</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/queue.py" line="71"/>
        <source>Review decisions made here and not yet recorded: {n}</source>
        <translation>已在此处作出但尚未记录的审核决定：{n}</translation>
    </message>
</context>
<context>
    <name>TakedownReview</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="137"/>
        <source>Review decisions not recorded</source>
        <translation>审核决定尚未记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="139"/>
        <source>Review decisions not yet recorded in the ledger: {n}</source>
        <translation>尚未记入账本的审核决定：{n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="140"/>
        <source>request #{id}: {n}</source>
        <translation>请求 #{id}：{n}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="142"/>
        <source>Record them now, or discard them?</source>
        <translation>现在记录，还是放弃？</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="143"/>
        <source>Record them</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="144"/>
        <source>Discard them</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>TakedownWorkflow</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="76"/>
        <source>Purge request #{id}</source>
        <translation>清除请求 #{id}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="78"/>
        <source>Permanently remove {items} items from {shards} shards in {ncorpora} corpora ({corpora})?</source>
        <translation>从 {ncorpora} 个语料库（{corpora}）的 {shards} 个分片中永久删除 {items} 个条目？</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="82"/>
        <source>Each shard is rewritten without these items and they are blocked from returning. This cannot be undone.</source>
        <translation>每个分片都将被重写以去除这些条目，并阻止它们再次进入。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="84"/>
        <source>Purge {n} items</source>
        <translation>清除 {n} 个条目</translation>
    </message>
</context>
<context>
    <name>Takedowns</name>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="37"/>
        <source>overdue by 1 day</source>
        <translation>已逾期 1 天</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="39"/>
        <source>overdue by {n} days</source>
        <translation>已逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="41"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="43"/>
        <source>1 day left</source>
        <translation>剩余 1 天</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="44"/>
        <source>{n} days left</source>
        <translation>剩余 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="49"/>
        <source>DMCA notice</source>
        <translation>DMCA</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="50"/>
        <source>GDPR erasure</source>
        <translation>GDPR 删除请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="51"/>
        <source>Publisher demand</source>
        <translation>出版方要求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="52"/>
        <source>User opt-out</source>
        <translation>用户退出</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="53"/>
        <source>Licence expiry</source>
        <translation>许可到期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="54"/>
        <source>Court order</source>
        <translation>法院命令</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="55"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="61"/>
        <source>News publisher</source>
        <translation>新闻出版方</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="62"/>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="63"/>
        <source>Rights organisation</source>
        <translation>权利组织</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="64"/>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="70"/>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="71"/>
        <source>validated</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="72"/>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="110"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="73"/>
        <source>located</source>
        <translation>已定位</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="74"/>
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="75"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="76"/>
        <source>purged</source>
        <translation>已清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="77"/>
        <source>certified</source>
        <translation>已出证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="78"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="84"/>
        <source>exact hash</source>
        <translation>精确哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="85"/>
        <source>perceptual</source>
        <translation>感知匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="86"/>
        <source>text overlap</source>
        <translation>文本重叠</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="87"/>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="98"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="88"/>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="100"/>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="89"/>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="102"/>
        <source>C2PA signer</source>
        <translation>C2PA 签名者</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="96"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="97"/>
        <source>hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="99"/>
        <source>domain</source>
        <translation>域名</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="101"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="108"/>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/models/takedown_text.py" line="109"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
</context>
<context>
    <name>TakedownsPage</name>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="138"/>
        <source>Takedowns</source>
        <translation>下架请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="139"/>
        <source>New request…</source>
        <translation>新建请求…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="140"/>
        <source>Drafts…</source>
        <translation>草稿…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="141"/>
        <source>Incomplete notices kept as drafts: amend or discard them.</source>
        <translation>作为草稿保留的不完整通知：修改或丢弃。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="142"/>
        <source>Locate</source>
        <translation>定位</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="143"/>
        <source>Find every copy of the claimed works: exact, perceptual, text, URL, account.</source>
        <translation>查找主张作品的每个副本：精确、感知、文本、URL、账号。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="144"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="145"/>
        <source>Purge</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="146"/>
        <source>Remove the accepted items from their shards and block them from returning.</source>
        <translation>从分片中删除已接受的条目，并阻止其再次进入。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="147"/>
        <source>Issue certificate…</source>
        <translation>签发证书…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="148"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="149"/>
        <source>Accept (A)</source>
        <translation>接受 (A)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="150"/>
        <source>Reject (R)</source>
        <translation>驳回 (R)</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="151"/>
        <source>Accept all pending</source>
        <translation>接受全部待定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="152"/>
        <source>Reject all pending</source>
        <translation>驳回全部待定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="153"/>
        <source>Record decisions</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="154"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="155"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="156"/>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="157"/>
        <source>Open certificate file…</source>
        <translation>打开证书文件…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="158"/>
        <source>Search: request number, requester, status, assignee…</source>
        <translation>搜索：请求编号、请求人、状态、经办人…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="159"/>
        <source>Open requests</source>
        <translation>未结请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="159"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="159"/>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="160"/>
        <source>Closed and rejected</source>
        <translation>已结案和已驳回</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="160"/>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="163"/>
        <source>Any type</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="166"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="289"/>
        <source>Request #{id}: {type} from {who}, received {received}, due {due}. Status: {status}.</source>
        <translation>请求 #{id}：来自{who}的{type}，收到于 {received}，截止 {due}。状态：{status}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="63"/>
        <source>Request #{id} rejected.</source>
        <translation>请求 #{id} 已驳回。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="84"/>
        <source>Request #{id} is now due {due}.</source>
        <translation>请求 #{id} 的截止日期现为 {due}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="97"/>
        <source>Request #{id} closed.</source>
        <translation>请求 #{id} 已结案。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="105"/>
        <source>Request #{id} assigned to {who}.</source>
        <translation>请求 #{id} 已指派给 {who}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="106"/>
        <source>Request #{id} is no longer assigned.</source>
        <translation>请求 #{id} 已取消指派。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/case_steps.py" line="134"/>
        <source>{name} kept with request #{id} (SHA-256 {sha}…).</source>
        <translation>{name} 已随请求 #{id} 保存（SHA-256 {sha}…）。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="44"/>
        <source>Counter-notice recorded for {n} items of request #{id}; forward it to the claimant next.</source>
        <translation>已为请求 #{id} 的 {n} 个条目记录反通知；下一步请转交主张人。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="63"/>
        <source>Counter-notice forwarded. The items may be restored from {earliest} to {latest} (10 to 14 business days), unless the claimant files a court action.</source>
        <translation>反通知已转交。除非主张人提起诉讼，这些条目可在 {earliest} 至 {latest}（10 至 14 个工作日）之间恢复。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="133"/>
        <source>Ownership check recorded for request #{id}: confirmed. The purge may go ahead.</source>
        <translation>已记录请求 #{id} 的所有权核查：已确认。可以进行清除。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="136"/>
        <source>Ownership check recorded for request #{id}: not shown. The items are not purged.</source>
        <translation>已记录请求 #{id} 的所有权核查：未证明。条目不会被清除。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="205"/>
        <source>Restoring the counter-noticed items…</source>
        <translation>正在恢复反通知所涉条目……</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="209"/>
        <source>Restored {n} items of request #{id}: {c} re-admitted from their retained copies, {a} to re-acquire.</source>
        <translation>已恢复请求 #{id} 的 {n} 个条目：{c} 个从保留副本重新收录，{a} 个需重新获取。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="230"/>
        <source>Court action recorded for request #{id}: the items stay removed.</source>
        <translation>已记录请求 #{id} 的法院诉讼：条目保持移除。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/legal_steps.py" line="314"/>
        <source>Reply {name} written for request #{id}.</source>
        <translation>已为请求 #{id} 写出回复 {name}。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="277"/>
        <source>Select a request in the queue, or open a new one.</source>
        <translation>在队列中选择一个请求，或新建一个。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="293"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="309"/>
        <source>{p} pending, {a} accepted, {r} rejected; {u} not yet recorded</source>
        <translation>{p} 个待定，{a} 个已接受，{r} 个已驳回；{u} 个尚未记录</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="193"/>
        <source>Decisions recorded in the ledger for {requests}.</source>
        <translation>{requests} 的决定已记入账本。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/review.py" line="211"/>
        <source>Decisions recorded in the ledger; {n} still pending.</source>
        <translation>决定已记入账本；仍有 {n} 个待定。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/page.py" line="317"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="23"/>
        <source>Locating every copy of the claimed works…</source>
        <translation>正在定位主张作品的每个副本…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="26"/>
        <source>Located {n} matches ({new} new). Review them below.</source>
        <translation>已定位 {n} 个匹配（{new} 个新的）。请在下方审核。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="38"/>
        <source>Approved: {n} items will be purged.</source>
        <translation>已批准：将清除 {n} 个条目。</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="106"/>
        <source>Purging the accepted items from their shards…</source>
        <translation>正在从分片中清除已接受的条目…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/pages/takedowns/workflow.py" line="109"/>
        <source>Purged {n} items from {s} shards; they are blocked from returning.</source>
        <translation>已从 {s} 个分片中清除 {n} 个条目；它们已被阻止再次进入。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="17"/>
        <source>Request received ({type}); due by {due_by}</source>
        <translation>收到请求（{type}）；截止 {due_by}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="18"/>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="19"/>
        <source>Status: {status} — {reason}</source>
        <translation>状态：{status} —— {reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="20"/>
        <source>Deadline extended to {due_by}: {reason}</source>
        <translation>期限延长至 {due_by}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="21"/>
        <source>{count} matches found ({methods})</source>
        <translation>找到 {count} 个匹配（{methods}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="22"/>
        <source>Review: {accepted} accepted, {rejected} rejected</source>
        <translation>审核：接受 {accepted} 个，拒绝 {rejected} 个</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="23"/>
        <source>Purged {items} items from {shards} shards</source>
        <translation>已从 {shards} 个分片中清除 {items} 个条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="24"/>
        <source>Removal certificate issued</source>
        <translation>已签发删除证书</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="25"/>
        <source>Note added</source>
        <translation>已添加备注</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="26"/>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="27"/>
        <source>Unassigned</source>
        <translation>已取消指派</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="28"/>
        <source>Document kept: {role} ({size} bytes, SHA-256 {sha})</source>
        <translation>已保存文件：{role}（{size} 字节，SHA-256 {sha}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="29"/>
        <source>Ownership checked: {result}</source>
        <translation>已核查权属：{result}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="30"/>
        <source>Reply prepared: {template} ({language})</source>
        <translation>已准备回复：{template}（{language}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="31"/>
        <source>Counter-notice received ({outcome})</source>
        <translation>收到反通知（{outcome}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="32"/>
        <source>Counter-notice forwarded to the claimant; restore window {earliest} to {latest}</source>
        <translation>反通知已转交主张人；恢复窗口 {earliest} 至 {latest}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="34"/>
        <source>Item restored: {item} ({how})</source>
        <translation>条目已恢复：{item}（{how}）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="35"/>
        <source>Identity of the requester: {result}</source>
        <translation>请求人身份：{result}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="36"/>
        <source>{scope} refusal on the ground {ground}; {retained} items retained</source>
        <translation>依据 {ground} {scope}拒绝；保留 {retained} 个条目</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="37"/>
        <source>Notice sent to recipient: {recipient}</source>
        <translation>已向接收方发送通知：{recipient}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="38"/>
        <source>{type}</source>
        <translation>{type}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="41"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="42"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="43"/>
        <source>Partial</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="44"/>
        <source>Full</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="45"/>
        <source>original notice</source>
        <translation>原始通知</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="46"/>
        <source>reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="47"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="48"/>
        <source>verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/timeline_text.py" line="49"/>
        <source>reasonable doubt</source>
        <translation>存在合理怀疑</translation>
    </message>
</context>
<context>
    <name>Verification</name>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="35"/>
        <source>{reason} (an edge strip of {n} blocks set aside)</source>
        <translation>{reason}（边缘 {n} 个块未计入）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="37"/>
        <source>{p} of {kept} textured blocks agree after alignment</source>
        <translation>对齐后 {kept} 个有纹理的块中有 {p} 一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="39"/>
        <source>only {p} of {kept} textured blocks agree after alignment</source>
        <translation>对齐后 {kept} 个有纹理的块中仅有 {p} 一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="40"/>
        <source>too little texture to compare</source>
        <translation>纹理太少，无法比较</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="41"/>
        <source>no consistent feature matches</source>
        <translation>没有一致的特征匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="43"/>
        <source>only {n} consistent feature matches</source>
        <translation>仅有 {n} 个一致的特征匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="45"/>
        <source>the features fit no edit: {why}</source>
        <translation>这些特征不符合任何编辑方式：{why}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="46"/>
        <source>too few keypoints to compare</source>
        <translation>关键点太少，无法比较</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="47"/>
        <source>only {n} descriptor matches</source>
        <translation>仅有 {n} 个描述子匹配</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="48"/>
        <source>no consistent transform</source>
        <translation>没有一致的变换</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="50"/>
        <source>only {i} of {n} matches agree on one transform</source>
        <translation>{n} 个匹配中仅有 {i} 个符合同一变换</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="51"/>
        <source>the transform mirrors the image</source>
        <translation>该变换将图像镜像翻转</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="53"/>
        <source>the transform stretches {x} times more one way</source>
        <translation>该变换在一个方向上多拉伸 {x} 倍</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="54"/>
        <source>the transform scales by {x}</source>
        <translation>该变换缩放了 {x} 倍</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="55"/>
        <source>the frames do not overlap</source>
        <translation>两幅画面没有重叠</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="56"/>
        <source>the shared region is too small</source>
        <translation>共同区域太小</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="58"/>
        <source>the matching keypoints cover only {p} of the shared region</source>
        <translation>匹配的关键点仅覆盖共同区域的 {p}</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="60"/>
        <source>{n} keypoints agree on one transform (pixels not compared)</source>
        <translation>{n} 个关键点符合同一变换（未比较像素）</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="62"/>
        <source>{n} keypoints agree; too little texture to compare the pixels</source>
        <translation>{n} 个关键点一致；纹理太少，无法比较像素</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="65"/>
        <source>{n} keypoints agree on one transform; {p} of {blocks} textured blocks of the shared region agree</source>
        <translation>{n} 个关键点符合同一变换；共同区域 {blocks} 个有纹理的块中有 {p} 一致</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/reason_text.py" line="69"/>
        <source>{n} keypoints agree on one transform; {p} of {blocks} textured blocks of the shared region agree: a different picture of the same subject</source>
        <translation>{n} 个关键点符合同一变换；共同区域 {blocks} 个有纹理的块中有 {p} 一致：同一主体的另一张照片</translation>
    </message>
</context>
<context>
    <name>WorkspaceOpening</name>
    <message>
        <location filename="../../ledger_app/ui/window_workspace.py" line="72"/>
        <source>Building the demo workspace…</source>
        <translation>正在构建演示工作区…</translation>
    </message>
    <message>
        <location filename="../../ledger_app/ui/window_workspace.py" line="72"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
