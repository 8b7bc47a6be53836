<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountScreen</name>
    <message>
        <location filename="../../ui/screens/account.py" line="100"/>
        <source>Your account</source>
        <translation>您的户号信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="102"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="103"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="104"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="105"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="106"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="107"/>
        <source>Unpaid bills</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="108"/>
        <source>Late fee</source>
        <translation>违约金</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="112"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="113"/>
        <source>Other amount</source>
        <translation>其他金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="114"/>
        <source>Amount due</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="132"/>
        <source>Pay {amount}</source>
        <translation>缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="132"/>
        <source>Pay</source>
        <translation>缴费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="139"/>
        <source>Card {serial}: purchase {count} on the card, meter balance {balance}</source>
        <translation>购电卡 {serial}：卡内第 {count} 次购电，表内余额 {balance}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="148"/>
        <source>Offline: cash only. Your payment will be posted when the connection returns.</source>
        <translation>网络中断：仅可现金缴费，网络恢复后自动入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="160"/>
        <source>Paying the full amount due reconnects your supply.</source>
        <translation>缴清全部应缴金额后将恢复供电。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="170"/>
        <source>{amount} (since {date}, 0.1% a day)</source>
        <translation>{amount}（自 {date} 起，每日 0.1%）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="177"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="178"/>
        <source>Usage</source>
        <translation>用电量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="179"/>
        <source>Charges</source>
        <translation>计费明细</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="180"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="181"/>
        <source>Due</source>
        <translation>缴费期限</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="213"/>
        <source>kWh</source>
        <translation>千瓦时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="230"/>
        <source>Usage, last 12 months (kWh)</source>
        <translation>近 12 个月用电量（千瓦时）</translation>
    </message>
</context>
<context>
    <name>AmountScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="49"/>
        <source>How much do you want to pay?</source>
        <translation>请选择缴费金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="50"/>
        <source>Amount due</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="52"/>
        <source>Pay {amount}</source>
        <translation>缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="54"/>
        <source>Or type another amount in yuan:</source>
        <translation>或输入其他金额（元）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="60"/>
        <source>Cash: the kiosk gives no change. Anything above the amount due goes to your account balance.</source>
        <translation>现金缴费不找零，超出应缴金额的部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="64"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="65"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../ui/staff/attention.py" line="19"/>
        <source>Attention list</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="26"/>
        <source>Reason for resolving</source>
        <translation>处理原因</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="33"/>
        <source>Checked with the utility: settled</source>
        <translation>已与供电公司核实：已解决</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="34"/>
        <source>Refunded to the resident</source>
        <translation>已退款给居民</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="35"/>
        <source>Duplicate, no action needed</source>
        <translation>重复记录，无需处理</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="41"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="43"/>
        <source>Resolve</source>
        <translation>标记已处理</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="60"/>
        <source>Nothing needs attention.</source>
        <translation>没有待处理事项。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="83"/>
        <source>Type a reason first.</source>
        <translation>请先填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/attention.py" line="92"/>
        <source>Resolved.</source>
        <translation>已处理。</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../ui/screens/notice.py" line="48"/>
        <source>Finding your account…</source>
        <translation>正在查询您的户号…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notice.py" line="49"/>
        <source>Getting the cash acceptor ready…</source>
        <translation>正在准备纸币识别器…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notice.py" line="50"/>
        <source>Crediting your payment, please wait…</source>
        <translation>正在入账，请稍候…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notice.py" line="51"/>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
</context>
<context>
    <name>CardSlotScreen</name>
    <message>
        <location filename="../../ui/screens/card.py" line="33"/>
        <location filename="../../ui/screens/card.py" line="37"/>
        <location filename="../../ui/screens/card.py" line="44"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="34"/>
        <source>Please insert your bank card, chip first, into the card slot.</source>
        <translation>请将银行卡芯片朝前插入读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="35"/>
        <source>UnionPay cards with a chip are accepted.</source>
        <translation>支持银联芯片卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="37"/>
        <source>Reading your card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="39"/>
        <source>Enter your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="40"/>
        <source>Type your PIN on the PIN pad below the screen and press Enter.</source>
        <translation>请在屏幕下方的密码键盘上输入密码，并按“确认”键。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="41"/>
        <source>Card {pan}. Cover the PIN pad with your hand.</source>
        <translation>卡号 {pan}。输入密码时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="45"/>
        <source>Waiting for your bank…</source>
        <translation>正在等待银行授权…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="46"/>
        <source>Card {pan}</source>
        <translation>卡号 {pan}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="49"/>
        <source>Writing to your card</source>
        <translation>正在写卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="50"/>
        <source>Keep your electricity card in the slot until this is done.</source>
        <translation>写卡完成前请勿拔出购电卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="59"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CashScreen</name>
    <message>
        <location filename="../../ui/screens/cash.py" line="62"/>
        <source>Please insert your notes</source>
        <translation>请放入纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="63"/>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="65"/>
        <source>Inserted</source>
        <translation>已投入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="67"/>
        <source>Still to pay</source>
        <translation>尚需</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="70"/>
        <source>{amount} will go to your account balance.</source>
        <translation>{amount} 将存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="74"/>
        <source>No change is given: any surplus goes to your account balance.</source>
        <translation>本机不找零：多付部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="76"/>
        <source>Notes received</source>
        <translation>已收纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="84"/>
        <source>Insert one note at a time, face up. Accepted: ¥1, ¥5, ¥10, ¥20, ¥50, ¥100. Touch Done when you have finished.</source>
        <translation>请逐张放入纸币，正面朝上。可收 1、5、10、20、50、100 元。放完后请按“完成”。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="91"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="94"/>
        <source>Done, pay {amount}</source>
        <translation>完成，缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="96"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>CashboxPage</name>
    <message>
        <location filename="../../ui/staff/cashbox.py" line="18"/>
        <source>Cashbox now</source>
        <translation>钱箱现状</translation>
    </message>
    <message>
        <location filename="../../ui/staff/cashbox.py" line="29"/>
        <source>The cashbox is empty.</source>
        <translation>钱箱是空的。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/cashbox.py" line="31"/>
        <source>{notes} notes, total {total}</source>
        <translation>共 {notes} 张，合计 {total}</translation>
    </message>
</context>
<context>
    <name>CollectionPage</name>
    <message>
        <location filename="../../ui/staff/collection.py" line="41"/>
        <source>Cash collection</source>
        <translation>清机收款</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="51"/>
        <source>Start collection</source>
        <translation>开始清机</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="52"/>
        <source>Cashbox removed (simulation)</source>
        <translation>钱箱已取出（模拟）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="53"/>
        <source>Record count</source>
        <translation>记录清点结果</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="54"/>
        <source>Empty cashbox inserted (simulation)</source>
        <translation>空钱箱已放回（模拟）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="55"/>
        <source>Close and print slip</source>
        <translation>结束并打印清机单</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="71"/>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="83"/>
        <source>Reason for the difference (required if not zero)</source>
        <translation>差异原因（有差异时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="90"/>
        <source>Note stuck in the acceptor path</source>
        <translation>纸币卡在识币器通道内</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="91"/>
        <source>Counted twice, difference confirmed</source>
        <translation>已复点两次，差异属实</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="92"/>
        <source>Damaged note set aside</source>
        <translation>破损纸币已单独存放</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="130"/>
        <source>No collection is open. Start one to take the kiosk out of service.</source>
        <translation>当前没有进行中的清机。开始清机后终端将暂停服务。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="131"/>
        <source>Open the safe and remove the cashbox.</source>
        <translation>请打开保险柜，取出钱箱。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="132"/>
        <source>Count the notes: enter the number of each note.</source>
        <translation>请清点纸币：输入每种面额的张数。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="133"/>
        <source>Count recorded. Insert the empty cashbox (or correct the count).</source>
        <translation>清点结果已记录。请放回空钱箱（或更正清点结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="134"/>
        <source>Cashbox is back. Close the collection.</source>
        <translation>钱箱已放回。请结束清机。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="153"/>
        <source>Expected {expected} · counted {counted} · difference {diff}</source>
        <translation>应有 {expected} · 实点 {counted} · 差额 {diff}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="224"/>
        <source>The count differs from the expected amount: give a reason.</source>
        <translation>清点金额与应有金额不符：请填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="249"/>
        <source>Collection closed. Printing the slip...</source>
        <translation>清机已结束，正在打印清机单…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="270"/>
        <source>Collection closed; the slip did not print: {error}</source>
        <translation>清机已结束，但清机单未能打印：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="273"/>
        <source>Collection closed. The slip is printed.</source>
        <translation>清机已结束，清机单已打印。</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="155"/>
        <source>Please check before you pay</source>
        <translation>请核对缴费信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="156"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="157"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="158"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="159"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="167"/>
        <source>Insert notes after you confirm. No change is given: anything above {amount} goes to your account balance.</source>
        <translation>确认后请放入纸币。本机不找零：超过 {amount} 的部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="173"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="174"/>
        <source>Confirm and pay</source>
        <translation>确认缴费</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../ui/screens/identify.py" line="44"/>
        <source>Your account number</source>
        <translation>请输入户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="46"/>
        <source>Type the account number printed on your bill (10 to 13 digits)</source>
        <translation>请输入电费账单上的户号（10 至 13 位数字）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="54"/>
        <source>You can also scan the QR code on your bill or insert your prepaid card.</source>
        <translation>您也可以扫描账单上的二维码，或插入购电卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="56"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="57"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>InvoiceResultScreen</name>
    <message>
        <location filename="../../ui/screens/invoice.py" line="252"/>
        <source>Your e-invoice is ready</source>
        <translation>您的电子发票已开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="253"/>
        <source>This payment already has an e-invoice</source>
        <translation>这笔缴费已开过电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="254"/>
        <source>The e-invoice could not be issued</source>
        <translation>电子发票未能开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="255"/>
        <source>Your e-invoice is on its way</source>
        <translation>电子发票正在开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="258"/>
        <source>Invoice number</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="260"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="265"/>
        <source>Scan the QR code with your phone to download the invoice.</source>
        <translation>请用手机扫描二维码下载发票。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="267"/>
        <source>The download link is also sent to {contact}.</source>
        <translation>下载链接也已发送至 {contact}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="272"/>
        <source>An e-invoice was issued for this payment before, with the number shown. A payment is invoiced only once.</source>
        <translation>这笔缴费此前已开具电子发票，发票号码如上。每笔缴费只能开一次发票。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="277"/>
        <source>The utility did not issue the invoice ({reason}). Nothing was changed; you can correct the details and try again, or ask the staff.</source>
        <translation>供电公司未开具发票（{reason}）。未做任何更改；您可以修改信息后重试，或请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="282"/>
        <source>Your request is saved. The utility will issue the invoice shortly and send the download link to {contact}.</source>
        <translation>您的申请已保存。供电公司稍后开具发票，并将下载链接发送至 {contact}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="287"/>
        <source>Your request is saved. The utility will issue the invoice shortly; scan the QR code on your receipt to download it later.</source>
        <translation>您的申请已保存。供电公司稍后开具发票；之后可扫描凭条上的二维码下载。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="298"/>
        <source>E-invoice download</source>
        <translation>电子发票下载</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="299"/>
        <source>Change details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="301"/>
        <source>Back to the payment</source>
        <translation>返回缴费结果</translation>
    </message>
</context>
<context>
    <name>InvoiceScreen</name>
    <message>
        <location filename="../../ui/screens/invoice.py" line="159"/>
        <source>Requesting your e-invoice…</source>
        <translation>正在申请电子发票…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="159"/>
        <source>E-invoice</source>
        <translation>电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="161"/>
        <source>Personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="161"/>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="168"/>
        <source>Company name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="168"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="169"/>
        <source>Unified Social Credit Code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="170"/>
        <source>E-mail or mobile (optional)</source>
        <translation>电子邮箱或手机号（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="181"/>
        <source>Touch to type</source>
        <translation>点此输入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="193"/>
        <source>Correct the code</source>
        <translation>修改代码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="193"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="195"/>
        <source>The code is correct</source>
        <translation>代码无误</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="197"/>
        <source>Request e-invoice</source>
        <translation>申请电子发票</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../ui/staff/login.py" line="20"/>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="25"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="36"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="57"/>
        <source>No staff users yet: add one with `kiosk users add`.</source>
        <translation>还没有工作人员账号：请用 `kiosk users add` 添加。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="79"/>
        <source>Choose your name</source>
        <translation>请选择您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="85"/>
        <source>Choose your name first.</source>
        <translation>请先选择您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="94"/>
        <source>Wrong name or PIN, or the user is locked. After 5 wrong PINs the user is locked for a while.</source>
        <translation>姓名或密码错误，或该账号已被锁定。连续输错 5 次密码后账号将被锁定一段时间。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="421"/>
        <source>State Grid electricity · self-service</source>
        <translation>国家电网 · 自助缴费</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="424"/>
        <source>Standard text</source>
        <translation>标准字体</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="424"/>
        <source>Large text</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428"/>
        <source>Staff are coming</source>
        <translation>工作人员马上就到</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>Still there? Returning to the start in {n} s.</source>
        <translation>您还在吗？{n} 秒后返回首页。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="440"/>
        <source>Insert a note or touch Done. Finishing in {n} s.</source>
        <translation>请继续放入纸币或按“完成”。{n} 秒后自动结束。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="443"/>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="17"/>
        <source>Enter an amount from {low} to {high}.</source>
        <translation>请输入 {low} 至 {high} 之间的金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="22"/>
        <source>The mobile payment did not go through ({reason}). Nothing was charged.</source>
        <translation>手机支付未成功（{reason}），未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="25"/>
        <source>The card payment did not go through ({reason}). Nothing was charged.</source>
        <translation>银行卡支付未成功（{reason}），未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26"/>
        <source>declined by the bank</source>
        <translation>银行拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="28"/>
        <source>An account number has {arg} digits.</source>
        <translation>户号为 {arg} 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30"/>
        <source>We could not find account {arg}. Please check the number on your bill.</source>
        <translation>未找到户号 {arg}，请核对账单上的户号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33"/>
        <source>The utility&apos;s system cannot be reached right now. Please try again later or ask the staff.</source>
        <translation>暂时无法连接电力营销系统，请稍后再试或咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36"/>
        <source>Something went wrong while fetching your account.</source>
        <translation>查询户号时出错。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38"/>
        <source>This code is not an electricity bill or a payment code.</source>
        <translation>此二维码不是电费账单或付款码。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41"/>
        <source>That is a payment code. First find your account, then choose mobile payment.</source>
        <translation>这是付款码。请先查询户号，再选择手机支付。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>This account is closed. Please ask the staff.</source>
        <translation>该户号已销户，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44"/>
        <source>Nothing is due. You can pay in advance: enter an amount.</source>
        <translation>当前无欠费。您可以预存电费：请输入金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="46"/>
        <source>No payment method is available right now. Please ask the staff.</source>
        <translation>暂无可用的支付方式，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49"/>
        <source>The kiosk could not record this payment. Please ask the staff.</source>
        <translation>本机无法记录此笔缴费，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51"/>
        <source>The cash acceptor is not working. Please ask the staff.</source>
        <translation>纸币识别器故障，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53"/>
        <source>A note is stuck in the cash acceptor. Your notes so far are credited; the staff have been told.</source>
        <translation>纸币识别器卡币。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="57"/>
        <source>The cash acceptor was opened. Your notes so far are credited; the staff have been told.</source>
        <translation>钱箱被打开。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60"/>
        <source>The cash acceptor stopped working.</source>
        <translation>纸币识别器停止工作。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61"/>
        <source>The cash acceptor refused a note. The staff have been told.</source>
        <translation>纸币识别器拒收了一张纸币，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63"/>
        <source>The card could not be read. Take it out and insert it again, chip first.</source>
        <translation>无法读取此卡，请拔出后芯片朝前重新插入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66"/>
        <source>That is a bank card. First find your account, then choose bank card to pay.</source>
        <translation>这是银行卡。请先查询户号，再选择银行卡支付。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="69"/>
        <source>Your last purchase is still on the card. Insert the card into your meter first, then come back to buy more.</source>
        <translation>上次购电尚未插表。请先将卡插入电表，再来购电。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="73"/>
        <source>To buy electricity for a prepaid meter, insert its card into the card slot.</source>
        <translation>为卡表购电，请将购电卡插入读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="76"/>
        <source>A purchase you had paid for has now been written to your card, free of charge.</source>
        <translation>您已付款但未写卡的电量已免费补写到卡中。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="79"/>
        <source>A purchase you paid for could not be written yet. Keep the card in and try again.</source>
        <translation>已付款的电量暂未写入卡中，请保持插卡并重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="81"/>
        <source>That is not a bank card. Please insert a bank card.</source>
        <translation>这不是银行卡，请插入银行卡。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82"/>
        <source>No PIN was entered. The card payment was cancelled.</source>
        <translation>未输入密码，银行卡支付已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="83"/>
        <source>The card payment was cancelled. Nothing was charged.</source>
        <translation>银行卡支付已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85"/>
        <source>Your bank did not answer in time. The card payment was cancelled and any hold on your card released.</source>
        <translation>银行未及时响应，本次支付已撤销，卡上冻结的金额已释放。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="89"/>
        <source>We are still confirming this card payment with your bank. You will not be charged twice; the staff have been told.</source>
        <translation>正在与银行确认本笔支付，不会重复扣款，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="93"/>
        <source>That is not a payment code. Open the payment code in WeChat, Alipay or UnionPay.</source>
        <translation>这不是付款码。请打开微信、支付宝或云闪付的付款码。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96"/>
        <source>The mobile payment was cancelled. If your phone was charged, the money has been refunded to it.</source>
        <translation>手机支付已撤销。如已扣款，款项已原路退回。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="100"/>
        <source>We are still confirming this mobile payment with the wallet. If your phone was charged you will not lose the money; the staff have been told.</source>
        <translation>正在与支付机构确认本笔手机支付。如已扣款，您的资金不会损失，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="103"/>
        <source>The mobile payment was cancelled. Nothing was charged.</source>
        <translation>手机支付已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="105"/>
        <source>The cashbox is full. Your notes so far are credited; the staff have been told.</source>
        <translation>钱箱已满。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="107"/>
        <source>Please enter the name for the invoice.</source>
        <translation>请输入发票抬头名称。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108"/>
        <source>The name is too long: at most 100 characters.</source>
        <translation>名称过长：最多 100 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="110"/>
        <source>The name contains characters an invoice cannot hold.</source>
        <translation>名称中含有发票不能使用的字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="113"/>
        <source>This cannot be put on an invoice. Please check what you typed.</source>
        <translation>此内容不能用于发票，请检查您输入的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="116"/>
        <source>A company invoice needs the company&apos;s Unified Social Credit Code.</source>
        <translation>单位发票需要填写单位的统一社会信用代码。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="119"/>
        <source>A Unified Social Credit Code has 18 digits and capital letters (no I, O, S, V or Z).</source>
        <translation>统一社会信用代码为 18 位数字和大写字母（不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="123"/>
        <source>The last character of this code does not pass the national check (GB 32100). Please compare it with the business licence. If it is exactly as printed, touch &quot;The code is correct&quot;.</source>
        <translation>该代码的最后一位未通过国家标准校验（GB 32100）。请与营业执照核对；如与执照上完全一致，请点“代码无误”。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="128"/>
        <source>The tax system did not accept this Unified Social Credit Code. Please check it against the business licence and correct it.</source>
        <translation>税务系统未接受该统一社会信用代码。请与营业执照核对后修改。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="131"/>
        <source>A personal invoice has no tax number.</source>
        <translation>个人发票无需填写税号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="133"/>
        <source>This e-mail address is not complete, e.g. name@example.com.</source>
        <translation>电子邮箱地址不完整，例如 name@example.com。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="136"/>
        <source>A mobile number has 11 digits and starts with 13 to 19.</source>
        <translation>手机号为 11 位数字，以 13 至 19 开头。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="139"/>
        <source>This payment cannot be invoiced here. Please ask the staff.</source>
        <translation>这笔缴费无法在此开票，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="142"/>
        <source>The invoice request could not be sent. Please try again or ask the staff.</source>
        <translation>发票申请未能发送，请重试或咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="145"/>
        <source>Please ask the staff for help.</source>
        <translation>请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="149"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="150"/>
        <source>In arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="151"/>
        <source>Disconnected</source>
        <translation>已停电</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="152"/>
        <source>Closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="157"/>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="158"/>
        <source>Prepaid (IC card)</source>
        <translation>预付费（IC 卡表）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="159"/>
        <source>Prepaid (smart meter)</source>
        <translation>预付费（远程费控）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="164"/>
        <source>Tier 1</source>
        <translation>第一档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165"/>
        <source>Tier 2</source>
        <translation>第二档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="166"/>
        <source>Tier 3</source>
        <translation>第三档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="167"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="168"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="169"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="170"/>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="175"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="176"/>
        <source>Scan my payment code</source>
        <translation>扫描我的付款码</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="177"/>
        <source>Scan the kiosk&apos;s QR code</source>
        <translation>扫描本机二维码</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="178"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="183"/>
        <source>the utility cannot be reached</source>
        <translation>无法连接电力营销系统</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="184"/>
        <location filename="../../ui/messages.py" line="188"/>
        <source>declined by the wallet</source>
        <translation>支付机构拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="185"/>
        <source>the payment code is not valid</source>
        <translation>付款码无效</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="186"/>
        <source>the account is closed</source>
        <translation>户号已销户</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="187"/>
        <source>the amount is not allowed</source>
        <translation>金额不在允许范围内</translation>
    </message>
</context>
<context>
    <name>MethodScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="99"/>
        <source>Choose how to pay</source>
        <translation>请选择支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="101"/>
        <source>Cash
¥1 · ¥5 · ¥10 · ¥20 · ¥50 · ¥100 notes</source>
        <translation>现金
1 · 5 · 10 · 20 · 50 · 100 元纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="102"/>
        <source>Bank card
UnionPay chip card and PIN</source>
        <translation>银行卡
银联芯片卡 + 密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="104"/>
        <source>Mobile payment
show your payment code to the scanner</source>
        <translation>手机支付
出示付款码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="107"/>
        <source>Mobile payment
scan the kiosk&apos;s QR code with your phone</source>
        <translation>手机支付
用手机扫描本机二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="115"/>
        <source>Mobile payment needs the connection to the utility, which is down.</source>
        <translation>手机支付需要连接电力营销系统，目前网络中断。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="118"/>
        <source>No paper receipt is available; you will get an e-receipt QR code instead.</source>
        <translation>暂无法打印纸质凭条，缴费后将显示电子凭条二维码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="122"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../ui/screens/notice.py" line="28"/>
        <source>Sorry</source>
        <translation>抱歉</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notice.py" line="30"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notice.py" line="31"/>
        <source>Start over</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../ui/keyboard.py" line="257"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="258"/>
        <source>ABC</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="259"/>
        <source>123 @</source>
        <translation>123 @</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="260"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="261"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="262"/>
        <location filename="../../ui/keyboard.py" line="263"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="264"/>
        <source>Capital letters</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="265"/>
        <source>Previous candidates</source>
        <translation>上一页候选</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="266"/>
        <source>More candidates</source>
        <translation>更多候选</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="425"/>
        <source>Type pinyin</source>
        <translation>请输入拼音</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../ui/screens/notice.py" line="68"/>
        <source>This kiosk is out of service. Please use another kiosk or the service counter.</source>
        <translation>本机暂停服务，请使用其他终端或前往柜台办理。</translation>
    </message>
</context>
<context>
    <name>ReprintPage</name>
    <message>
        <location filename="../../ui/staff/reprint.py" line="47"/>
        <source>Reprint a receipt of today</source>
        <translation>补打今日凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="52"/>
        <source>Print the selected receipt</source>
        <translation>打印所选凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="66"/>
        <source>No receipts today.</source>
        <translation>今天没有凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="75"/>
        <source>Printing...</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="80"/>
        <source>Printing failed: {error}</source>
        <translation>打印失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="82"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="59"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="60"/>
        <source>E-invoice</source>
        <translation>电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="65"/>
        <source>Payment received</source>
        <translation>缴费成功</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="65"/>
        <source>Payment recorded</source>
        <translation>缴费已记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="68"/>
        <source>Paid</source>
        <translation>实缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="70"/>
        <source>To your balance</source>
        <translation>存入余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="74"/>
        <source>New balance</source>
        <translation>当前余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="80"/>
        <source>Still due</source>
        <translation>仍需缴纳</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="85"/>
        <source>Receipt number</source>
        <translation>凭条号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="86"/>
        <source>Transaction</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="93"/>
        <source>Your money is safely recorded by this kiosk. It will be posted to your account when the connection to the utility returns.</source>
        <translation>您的缴费已由本机安全记录，网络恢复后将自动入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="97"/>
        <source>Your payment is held for the staff to assign to the right account.</source>
        <translation>您的缴费已暂存，工作人员将核实后入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="99"/>
        <source>Please take your receipt.</source>
        <translation>请取走您的凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="101"/>
        <source>No paper receipt: scan the QR code for your e-receipt.</source>
        <translation>无法打印纸质凭条：请扫描二维码获取电子凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="103"/>
        <source>Printing your receipt…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="105"/>
        <source>The electricity is on your card. You can take the card out now.</source>
        <translation>电量已写入购电卡，您可以拔卡了。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="107"/>
        <source>The card was taken out before the purchase was written. It is saved: insert the card again, here or at any kiosk, to write it for free.</source>
        <translation>写卡前购电卡被拔出。购电已保存：在本机或任一终端重新插卡即可免费补写。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="111"/>
        <source>The purchase could not be written to your card; the staff have been told.</source>
        <translation>电量未能写入购电卡，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="114"/>
        <source>The purchase will be written to your card once the utility confirms the payment.</source>
        <translation>电力公司确认付款后即可写卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="126"/>
        <source>E-receipt and e-invoice</source>
        <translation>电子凭条与电子发票</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <location filename="../../ui/staff/settlement.py" line="23"/>
        <source>End-of-day settlement</source>
        <translation>日终对账</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="25"/>
        <source>Settle today</source>
        <translation>对今日账</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="46"/>
        <source>Sending the settlement...</source>
        <translation>正在发送对账数据…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="52"/>
        <source>Settlement failed: {error}</source>
        <translation>对账失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="57"/>
        <source>Matched</source>
        <translation>账目一致</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="58"/>
        <source>Mismatch</source>
        <translation>账目不符</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="59"/>
        <source>Not sent (will retry)</source>
        <translation>未发送（将重试）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="60"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="64"/>
        <source>Business date: {day}</source>
        <translation>营业日：{day}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="65"/>
        <source>Result: {status}</source>
        <translation>结果：{status}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="71"/>
        <source>Payments in the totals: {n}</source>
        <translation>计入合计的交易：{n} 笔</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="73"/>
        <source>Missing on server: {ids}</source>
        <translation>服务器缺少：{ids}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/settlement.py" line="78"/>
        <source>Unknown to kiosk: {ids}</source>
        <translation>终端未记录：{ids}</translation>
    </message>
</context>
<context>
    <name>StaffConsole</name>
    <message>
        <location filename="../../ui/staff/console.py" line="94"/>
        <source>Cashbox now</source>
        <translation>钱箱现状</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="95"/>
        <source>Cash collection</source>
        <translation>清机收款</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="98"/>
        <source>End-of-day settlement</source>
        <translation>日终对账</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="101"/>
        <source>Attention list</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="102"/>
        <source>Reprint receipts</source>
        <translation>补打凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="103"/>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="104"/>
        <location filename="../../ui/staff/console.py" line="108"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="107"/>
        <source>Staff menu</source>
        <translation>工作人员菜单</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="150"/>
        <source>Signed in: {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="165"/>
        <source>Signed out after 2 minutes without activity.</source>
        <translation>2 分钟无操作，已自动退出登录。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../ui/staff/base.py" line="24"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../../ui/screens/start.py" line="39"/>
        <source>Pay your electricity bill</source>
        <translation>电费自助缴费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="41"/>
        <source>Starting, one moment…</source>
        <translation>正在启动，请稍候…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="43"/>
        <source>Touch the screen to begin</source>
        <translation>请触摸屏幕开始</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="45"/>
        <source>Enter account number</source>
        <translation>输入户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="46"/>
        <source>Scan bill QR code</source>
        <translation>扫描账单二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="47"/>
        <source>Insert prepaid card</source>
        <translation>插入购电卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="48"/>
        <source>The number is printed on your bill</source>
        <translation>户号印在您的电费账单上</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="49"/>
        <source>Hold the QR code on your bill under the scanner</source>
        <translation>将账单上的二维码对准下方扫描口</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="50"/>
        <source>Put your electricity card into the card slot</source>
        <translation>将购电卡插入读卡口</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <location filename="../../ui/staff/technician.py" line="75"/>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="84"/>
        <source>Refresh status</source>
        <translation>刷新状态</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="85"/>
        <source>Test back-end link</source>
        <translation>测试后台连接</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="86"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="87"/>
        <source>Read a card</source>
        <translation>读卡测试</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="88"/>
        <source>Take out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="89"/>
        <source>Back into service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="115"/>
        <source>Reading device status...</source>
        <translation>正在读取设备状态…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="120"/>
        <source>Status failed: {error}</source>
        <translation>读取状态失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="124"/>
        <source>Banknote acceptor</source>
        <translation>识币器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="125"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="126"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="127"/>
        <source>Scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="136"/>
        <source>Outbox: {n} unsent, oldest {oldest}</source>
        <translation>待发送队列：{n} 条未发送，最早 {oldest}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="140"/>
        <source>Attention items open: {n}</source>
        <translation>待处理事项：{n} 项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="142"/>
        <source>Disk: {free:.1f} GB free of {total:.1f} GB</source>
        <translation>磁盘：可用 {free:.1f} GB，共 {total:.1f} GB</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="146"/>
        <source>Software version: {v}</source>
        <translation>软件版本：{v}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="147"/>
        <source>Mode: {mode}</source>
        <translation>运行模式：{mode}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="152"/>
        <source>Back-end link: testing...</source>
        <translation>后台连接：测试中…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="157"/>
        <source>Back-end link: FAILED ({error})</source>
        <translation>后台连接：失败（{error}）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="159"/>
        <source>Back-end link: OK, {ms:.0f} ms</source>
        <translation>后台连接：正常，{ms:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="165"/>
        <source>This printer has no test page.</source>
        <translation>此打印机不支持测试页。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="168"/>
        <source>Printing a test page...</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="169"/>
        <source>Test page printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="173"/>
        <source>Reading the card...</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="174"/>
        <source>Card: {result}</source>
        <translation>卡片：{result}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="179"/>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="195"/>
        <source>Mode stored: {mode}</source>
        <translation>已保存模式：{mode}</translation>
    </message>
</context>
<context>
    <name>WalletQrScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="101"/>
        <source>Scan this QR code with your phone</source>
        <translation>请用手机扫描二维码付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="104"/>
        <source>Use WeChat, Alipay or a UnionPay app, then confirm the payment on your phone.</source>
        <translation>请使用微信、支付宝或云闪付扫码，并在手机上确认付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="113"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="117"/>
        <source>Valid for {time}</source>
        <translation>有效时间 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="120"/>
        <source>Preparing the QR code…</source>
        <translation>正在生成二维码…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="121"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
</context>
<context>
    <name>WalletScanScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="30"/>
        <source>Show your payment code to the scanner</source>
        <translation>请出示付款码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="34"/>
        <source>1. Open WeChat, Alipay or your UnionPay app and choose Pay (付款码).
2. Hold the phone screen 10 to 20 cm under the scanner below this screen.</source>
        <translation>1. 打开微信、支付宝或云闪付，进入“付款码”。
2. 将手机屏幕对准屏幕下方的扫描口，距离 10 至 20 厘米。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="39"/>
        <source>Choose another method</source>
        <translation>选择其他支付方式</translation>
    </message>
</context>
<context>
    <name>WalletWaitScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="58"/>
        <source>Mobile payment</source>
        <translation>手机支付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="62"/>
        <source>Sending the payment to your wallet…</source>
        <translation>正在发起支付…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="63"/>
        <source>Please confirm the payment on your phone.</source>
        <translation>请在手机上确认付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="64"/>
        <location filename="../../ui/screens/wallet.py" line="65"/>
        <source>Cancelling the payment with your wallet…</source>
        <translation>正在撤销支付…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="67"/>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="69"/>
        <source>Waiting up to {n} s more.</source>
        <translation>最多再等待 {n} 秒。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="73"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
</context>
</TS>
