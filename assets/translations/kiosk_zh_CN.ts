<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountScreen</name>
    <message>
        <location filename="../../ui/screens/account.py" line="264"/>
        <source>Your account</source>
        <translation>您的户号信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="266"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="267"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="268"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="269"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="270"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="271"/>
        <source>Unpaid bills</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="272"/>
        <source>Late fee</source>
        <translation>违约金</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="277"/>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="279"/>
        <source>Payment history</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="283"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="284"/>
        <source>Other amount</source>
        <translation>其他金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="285"/>
        <source>Amount due</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="308"/>
        <source>Pay {amount}</source>
        <translation>缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="308"/>
        <source>Pay</source>
        <translation>缴费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="315"/>
        <source>Card {serial}: purchase {count} on the card, meter balance {balance}</source>
        <translation>购电卡 {serial}：卡内第 {count} 次购电，表内余额 {balance}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="324"/>
        <source>Offline: cash only. Your payment will be posted when the connection returns.</source>
        <translation>网络中断：仅可现金缴费，网络恢复后自动入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="331"/>
        <source>Paying the full amount due reconnects your supply.</source>
        <translation>缴清全部应缴金额后将恢复供电。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="344"/>
        <source>Auto-debit: on, card {card}, day {day} of each month</source>
        <translation>自动代扣：已开通，银行卡 {card}，每月 {day} 日扣款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="348"/>
        <source>Auto-debit: off</source>
        <translation>自动代扣：未开通</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="351"/>
        <source>Change auto-debit card</source>
        <translation>更换代扣银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="353"/>
        <source>Sign up for auto-debit</source>
        <translation>开通自动代扣</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="369"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="278"/>
        <source>Usage</source>
        <translation>用电量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="362"/>
        <source>Includes a late fee of {amount} (0.1% a day since {date})</source>
        <translation>含违约金 {amount}（自 {date} 起每日 0.1%）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="370"/>
        <source>Charges</source>
        <translation>计费明细</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="371"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="372"/>
        <source>Due</source>
        <translation>缴费期限</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="379"/>
        <source>No unpaid bills.</source>
        <translation>没有未缴账单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="382"/>
        <source>A prepaid account has no bills: you buy electricity in advance.</source>
        <translation>预付费户号没有账单：电费需先购后用。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="416"/>
        <source>kWh</source>
        <translation>千瓦时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/account.py" line="425"/>
        <source>Usage, last 12 months (kWh)</source>
        <translation>近 12 个月用电量（千瓦时）</translation>
    </message>
</context>
<context>
    <name>AmountScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="59"/>
        <source>How much do you want to pay?</source>
        <translation>请选择缴费金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="60"/>
        <source>Amount due</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="62"/>
        <source>Pay {amount}</source>
        <translation>缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="64"/>
        <source>Or type another amount in yuan:</source>
        <translation>或输入其他金额（元）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="70"/>
        <source>Cash: the kiosk gives no change. Anything above the amount due goes to your account balance.</source>
        <translation>现金缴费不找零，超出应缴金额的部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="74"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="75"/>
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
    <name>CameraPage</name>
    <message>
        <location filename="../../ui/staff/camera.py" line="39"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../../ui/staff/camera.py" line="64"/>
        <source>The scanner is simulated: there is no camera picture.</source>
        <translation>扫码器为模拟设备：没有摄像头画面。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/camera.py" line="74"/>
        <source>Hold a QR code in front of the camera.</source>
        <translation>请把二维码放在摄像头前。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/camera.py" line="96"/>
        <source>Preview failed: {error}</source>
        <translation>预览失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/camera.py" line="108"/>
        <source>No code in view.</source>
        <translation>画面中没有二维码。</translation>
    </message>
</context>
<context>
    <name>CardSlotScreen</name>
    <message>
        <location filename="../../ui/screens/card.py" line="37"/>
        <location filename="../../ui/screens/card.py" line="41"/>
        <location filename="../../ui/screens/card.py" line="48"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="38"/>
        <source>Please insert your bank card, chip first, into the card slot.</source>
        <translation>请将银行卡芯片朝前插入读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="39"/>
        <source>UnionPay cards with a chip are accepted.</source>
        <translation>支持银联芯片卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="41"/>
        <source>Reading your card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="43"/>
        <source>Enter your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="44"/>
        <source>Type your PIN on the PIN pad below the screen and press Enter.</source>
        <translation>请在屏幕下方的密码键盘上输入密码，并按“确认”键。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="45"/>
        <source>Card {pan}. Cover the PIN pad with your hand.</source>
        <translation>卡号 {pan}。输入密码时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="49"/>
        <source>Waiting for your bank…</source>
        <translation>正在等待银行授权…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="50"/>
        <source>Card {pan}</source>
        <translation>卡号 {pan}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="53"/>
        <source>Writing to your card</source>
        <translation>正在写卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="54"/>
        <source>Keep your electricity card in the slot until this is done.</source>
        <translation>写卡完成前请勿拔出购电卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/card.py" line="74"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CashScreen</name>
    <message>
        <location filename="../../ui/screens/cash.py" line="64"/>
        <source>Please insert your notes</source>
        <translation>请放入纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="65"/>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="67"/>
        <source>Inserted</source>
        <translation>已投入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="69"/>
        <source>Still to pay</source>
        <translation>尚需</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="72"/>
        <source>{amount} will go to your account balance.</source>
        <translation>{amount} 将存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="76"/>
        <source>No change is given: any surplus goes to your account balance.</source>
        <translation>本机不找零：多付部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="78"/>
        <source>Notes received</source>
        <translation>已收纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="86"/>
        <source>Insert one note at a time, face up. Accepted: ¥1, ¥5, ¥10, ¥20, ¥50, ¥100. Touch Done when you have finished.</source>
        <translation>请逐张放入纸币，正面朝上。可收 1、5、10、20、50、100 元。放完后请按“完成”。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="93"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="96"/>
        <source>Done, pay {amount}</source>
        <translation>完成，缴纳 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cash.py" line="98"/>
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
        <location filename="../../ui/staff/collection.py" line="42"/>
        <source>Cash collection</source>
        <translation>清机收款</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="52"/>
        <source>Start collection</source>
        <translation>开始清机</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="53"/>
        <source>Cashbox removed (simulation)</source>
        <translation>钱箱已取出（模拟）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="54"/>
        <source>Record count</source>
        <translation>记录清点结果</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="55"/>
        <source>Empty cashbox inserted (simulation)</source>
        <translation>空钱箱已放回（模拟）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="56"/>
        <source>Close and print slip</source>
        <translation>结束并打印清机单</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="72"/>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="84"/>
        <source>Reason for the difference (required if not zero)</source>
        <translation>差异原因（有差异时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="91"/>
        <source>Note stuck in the acceptor path</source>
        <translation>纸币卡在识币器通道内</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="92"/>
        <source>Counted twice, difference confirmed</source>
        <translation>已复点两次，差异属实</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="93"/>
        <source>Damaged note set aside</source>
        <translation>破损纸币已单独存放</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="131"/>
        <source>No collection is open. Start one to take the kiosk out of service.</source>
        <translation>当前没有进行中的清机。开始清机后终端将暂停服务。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="132"/>
        <source>Open the safe and remove the cashbox.</source>
        <translation>请打开保险柜，取出钱箱。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="133"/>
        <source>Count the notes: enter the number of each note.</source>
        <translation>请清点纸币：输入每种面额的张数。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="134"/>
        <source>Count recorded. Insert the empty cashbox (or correct the count).</source>
        <translation>清点结果已记录。请放回空钱箱（或更正清点结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="135"/>
        <source>Cashbox is back. Close the collection.</source>
        <translation>钱箱已放回。请结束清机。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="154"/>
        <source>Expected {expected} · counted {counted} · difference {diff}</source>
        <translation>应有 {expected} · 实点 {counted} · 差额 {diff}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="216"/>
        <source>The acceptor reports the cashbox out.</source>
        <translation>识币器报告：钱箱已取出。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="226"/>
        <source>The count differs from the expected amount: give a reason.</source>
        <translation>清点金额与应有金额不符：请填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="238"/>
        <source>The acceptor reports the cashbox back in.</source>
        <translation>识币器报告：钱箱已装回。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="252"/>
        <source>Collection closed. Printing the slip...</source>
        <translation>清机已结束，正在打印清机单…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="273"/>
        <source>Collection closed; the slip did not print: {error}</source>
        <translation>清机已结束，但清机单未能打印：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/collection.py" line="276"/>
        <source>Collection closed. The slip is printed.</source>
        <translation>清机已结束，清机单已打印。</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <location filename="../../ui/staff/config.py" line="22"/>
        <source>Settings in effect (read-only)</source>
        <translation>当前生效的设置（只读）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/config.py" line="45"/>
        <source>Set at this kiosk by a technician (these win):</source>
        <translation>技术人员在本机设置的项（优先于配置文件）：</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="176"/>
        <source>Please check before you pay</source>
        <translation>请核对缴费信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="177"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="178"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="179"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="180"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="188"/>
        <source>Insert notes after you confirm. No change is given: anything above {amount} goes to your account balance.</source>
        <translation>确认后请放入纸币。本机不找零：超过 {amount} 的部分存入您的账户余额。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="194"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="195"/>
        <source>Confirm and pay</source>
        <translation>确认缴费</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../ui/screens/identify.py" line="52"/>
        <source>Scan the QR code on your bill</source>
        <translation>请扫描账单二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="55"/>
        <source>Insert your prepaid card</source>
        <translation>请插入购电卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="53"/>
        <source>Hold it under the scanner below the screen.</source>
        <translation>请将账单二维码对准屏幕下方的扫描口。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="56"/>
        <source>Put it into the card slot below the screen.</source>
        <translation>请将购电卡插入屏幕下方的读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="58"/>
        <source>Your account number</source>
        <translation>请输入户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="60"/>
        <source>Type the account number printed on your bill (10 to 13 digits)</source>
        <translation>请输入电费账单上的户号（10 至 13 位数字）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="70"/>
        <source>You can also scan the QR code on your bill or insert your prepaid card.</source>
        <translation>您也可以扫描账单上的二维码，或插入购电卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="73"/>
        <source>Or type the account number (10 to 13 digits).</source>
        <translation>也可以输入户号（10 至 13 位数字）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="74"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/identify.py" line="75"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>InvoiceResultScreen</name>
    <message>
        <location filename="../../ui/screens/invoice.py" line="312"/>
        <source>Your e-invoice is ready</source>
        <translation>您的电子发票已开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="313"/>
        <source>This payment already has an e-invoice</source>
        <translation>这笔缴费已开过电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="314"/>
        <source>The e-invoice could not be issued</source>
        <translation>电子发票未能开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="315"/>
        <source>Your e-invoice is on its way</source>
        <translation>电子发票正在开具</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="318"/>
        <source>Invoice number</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="320"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="325"/>
        <source>Scan the QR code with your phone to download the invoice.</source>
        <translation>请用手机扫描二维码下载发票。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="327"/>
        <source>The download link is also sent to {contact}.</source>
        <translation>下载链接也已发送至 {contact}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="332"/>
        <source>An e-invoice was issued for this payment before, with the number shown. A payment is invoiced only once.</source>
        <translation>这笔缴费此前已开具电子发票，发票号码如上。每笔缴费只能开一次发票。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="337"/>
        <source>The utility did not issue the invoice ({reason}). Nothing was changed; you can correct the details and try again, or ask the staff.</source>
        <translation>供电公司未开具发票（{reason}）。未做任何更改；您可以修改信息后重试，或请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="342"/>
        <source>Your request is saved. The utility will issue the invoice shortly and send the download link to {contact}.</source>
        <translation>您的申请已保存。供电公司稍后开具发票，并将下载链接发送至 {contact}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="347"/>
        <source>Your request is saved. The utility will issue the invoice shortly; scan the QR code on your receipt to download it later.</source>
        <translation>您的申请已保存。供电公司稍后开具发票；之后可扫描凭条上的二维码下载。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="358"/>
        <source>E-invoice download</source>
        <translation>电子发票下载</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="359"/>
        <source>Change details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="361"/>
        <source>Back to the payment</source>
        <translation>返回缴费结果</translation>
    </message>
</context>
<context>
    <name>InvoiceScreen</name>
    <message>
        <location filename="../../ui/screens/invoice.py" line="206"/>
        <source>Requesting your e-invoice…</source>
        <translation>正在申请电子发票…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="206"/>
        <source>E-invoice</source>
        <translation>电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="208"/>
        <source>Personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="208"/>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="215"/>
        <source>Company name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="215"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="216"/>
        <source>Unified Social Credit Code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="217"/>
        <source>E-mail or mobile (optional)</source>
        <translation>电子邮箱或手机号（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="229"/>
        <source>Touch to type</source>
        <translation>点此输入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="243"/>
        <source>Correct the code</source>
        <translation>修改代码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="243"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="244"/>
        <source>The code is correct</source>
        <translation>代码无误</translation>
    </message>
    <message>
        <location filename="../../ui/screens/invoice.py" line="245"/>
        <source>Request e-invoice</source>
        <translation>申请电子发票</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../ui/staff/login.py" line="30"/>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="37"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="48"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="69"/>
        <source>No staff users yet: add one with `kiosk users add`.</source>
        <translation>还没有工作人员账号：请用 `kiosk users add` 添加。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="91"/>
        <source>Choose your name</source>
        <translation>请选择您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="99"/>
        <source>Choose your name first.</source>
        <translation>请先选择您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="104"/>
        <source>Checking the PIN...</source>
        <translation>正在核对密码……</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="124"/>
        <source>Wrong name or PIN, or the user is locked. After 5 wrong PINs the user is locked for a while.</source>
        <translation>姓名或密码错误，或该账号已被锁定。连续输错 5 次密码后账号将被锁定一段时间。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/login.py" line="133"/>
        <source>Sign-in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../../ui/staff/logs.py" line="35"/>
        <source>Kiosk log</source>
        <translation>终端日志</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="40"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="41"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="42"/>
        <source>Card</source>
        <translation>银行卡/IC卡</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="43"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="44"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="45"/>
        <source>Back end</source>
        <translation>后台</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="46"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="68"/>
        <source>Copy the log files to this folder</source>
        <translation>把日志文件复制到此文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="92"/>
        <source>The log could not be read: {error}</source>
        <translation>无法读取日志：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="99"/>
        <source>No log lines for this device.</source>
        <translation>该设备没有日志记录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="110"/>
        <source>Copying the log files...</source>
        <translation>正在复制日志文件……</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="121"/>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/logs.py" line="125"/>
        <source>Copied {n} log file(s) to {folder}.</source>
        <translation>已复制 {n} 个日志文件到 {folder}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="538"/>
        <source>State Grid electricity · self-service</source>
        <translation>国家电网 · 自助缴费</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="541"/>
        <source>Standard text</source>
        <translation>标准字体</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="541"/>
        <source>Large text</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543"/>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>Staff are coming</source>
        <translation>工作人员马上就到</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="558"/>
        <source>Still there? Returning to the start in {n} s.</source>
        <translation>您还在吗？{n} 秒后返回首页。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="560"/>
        <source>Insert a note or touch Done. Finishing in {n} s.</source>
        <translation>请继续放入纸币或按“完成”。{n} 秒后自动结束。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="563"/>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
</context>
<context>
    <name>MandateResultScreen</name>
    <message>
        <location filename="../../ui/screens/mandate.py" line="243"/>
        <source>Monthly auto-debit</source>
        <translation>每月自动代扣</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="245"/>
        <source>Auto-debit is on</source>
        <translation>自动代扣已开通</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="248"/>
        <source>Bank card {card} pays your bill on day {day} of every month, at most {limit}. The utility sends you a message before each debit.</source>
        <translation>每月 {day} 日从银行卡 {card} 扣缴电费，每月最多 {limit}。每次扣款前供电公司会通知您。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="257"/>
        <location filename="../../ui/screens/mandate.py" line="261"/>
        <location filename="../../ui/screens/mandate.py" line="269"/>
        <source>Auto-debit was not set up</source>
        <translation>自动代扣未开通</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="264"/>
        <source>The utility&apos;s answer did not arrive, so the sign-up was cancelled. Nothing will be taken from your card. Please try again later.</source>
        <translation>未收到供电公司的答复，本次签约已撤销，不会从您的银行卡扣款。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="272"/>
        <source>The sign-up could not be confirmed and is being cancelled; the staff have been told. Nothing will be taken from your card under it.</source>
        <translation>签约结果无法确认，正在撤销，已通知工作人员。不会按此签约从您的银行卡扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="276"/>
        <source>Please take your bank card.</source>
        <translation>请取回您的银行卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="277"/>
        <source>Change details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="279"/>
        <source>Back to my account</source>
        <translation>返回我的账户</translation>
    </message>
</context>
<context>
    <name>MandateScreen</name>
    <message>
        <location filename="../../ui/screens/mandate.py" line="148"/>
        <source>Monthly auto-debit</source>
        <translation>每月自动代扣</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="149"/>
        <source>When, and how much at most</source>
        <translation>扣款日与每月限额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="150"/>
        <source>Insert your bank card</source>
        <translation>请插入银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="151"/>
        <source>Reading your card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="152"/>
        <source>Please check and confirm</source>
        <translation>请核对并确认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="153"/>
        <source>Signing you up…</source>
        <translation>正在办理签约…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="159"/>
        <source>Your bank card pays each month&apos;s bill. First type the holder&apos;s full name, {holder}.</source>
        <translation>每月电费由您的银行卡自动扣缴。请先输入户主“{holder}”的全名。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="163"/>
        <source>Choose the day of the month for the debit and the most it may take. A bill above the limit is not debited; you pay it as usual.</source>
        <translation>请选择每月扣款日和每次最多扣款金额。超过限额的账单不会自动扣款，请照常缴纳。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="167"/>
        <source>Insert the bank card that should pay the bills, chip first, into the card slot.</source>
        <translation>请将用于扣缴电费的银行卡芯片朝前插入读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="169"/>
        <source>Keep the card in the slot.</source>
        <translation>请勿拔出银行卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="171"/>
        <source>On day {day} of every month the utility takes the amount due from this card, at most {limit}. You can cancel at any service hall or in the utility&apos;s app.</source>
        <translation>每月 {day} 日，供电公司从此卡扣缴应缴电费，最多 {limit}。您可在任一营业厅或供电公司App取消。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="174"/>
        <source>Keep the card in the slot. This takes a few seconds.</source>
        <translation>请勿拔出银行卡，需要几秒钟。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="181"/>
        <source>Account holder&apos;s full name ({holder})</source>
        <translation>户主全名（{holder}）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="186"/>
        <source>Touch the keys below to type</source>
        <translation>请用下方键盘输入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="187"/>
        <location filename="../../ui/screens/mandate.py" line="197"/>
        <source>Debit day</source>
        <translation>扣款日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="188"/>
        <location filename="../../ui/screens/mandate.py" line="197"/>
        <source>Day {day} of each month</source>
        <translation>每月 {day} 日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="189"/>
        <location filename="../../ui/screens/mandate.py" line="198"/>
        <source>Most per month</source>
        <translation>每月限额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="194"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="195"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="196"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="212"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="215"/>
        <source>Next: bank card</source>
        <translation>下一步：插入银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="215"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mandate.py" line="218"/>
        <source>Sign up</source>
        <translation>确认签约</translation>
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
        <location filename="../../ui/messages.py" line="217"/>
        <source>not enough money in the wallet</source>
        <translation>钱包余额不足</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="218"/>
        <source>the payment code has expired: show a new one</source>
        <translation>付款码已过期，请刷新后重新出示</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="228"/>
        <source>not enough money on the card</source>
        <translation>卡内余额不足</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="229"/>
        <source>wrong PIN</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="230"/>
        <source>too many wrong PINs: the card is locked, please call your bank</source>
        <translation>密码错误次数过多，卡已锁定，请联系发卡银行</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="231"/>
        <source>the card has expired</source>
        <translation>银行卡已过期</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="232"/>
        <location filename="../../ui/messages.py" line="233"/>
        <source>over the card&apos;s limit</source>
        <translation>超出银行卡限额</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="234"/>
        <location filename="../../ui/messages.py" line="235"/>
        <source>this card cannot be used here</source>
        <translation>此卡不能在本机使用</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="236"/>
        <location filename="../../ui/messages.py" line="237"/>
        <location filename="../../ui/messages.py" line="238"/>
        <location filename="../../ui/messages.py" line="239"/>
        <source>please call your bank</source>
        <translation>请联系发卡银行</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="247"/>
        <source>the card could not be charged</source>
        <translation>银行卡扣款未完成</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="248"/>
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
        <location filename="../../ui/messages.py" line="45"/>
        <source>The card was taken out before it was read. Insert it again and leave it in.</source>
        <translation>读卡完成前银行卡被拔出。请重新插入，并在操作完成前不要拔卡。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47"/>
        <source>Nothing is due. You can pay in advance: enter an amount.</source>
        <translation>当前无欠费。您可以预存电费：请输入金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49"/>
        <source>No payment method is available right now. Please ask the staff.</source>
        <translation>暂无可用的支付方式，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52"/>
        <source>The kiosk could not record this payment. Please ask the staff.</source>
        <translation>本机无法记录此笔缴费，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54"/>
        <source>The cash acceptor is not working. Please ask the staff.</source>
        <translation>纸币识别器故障，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56"/>
        <source>A note is stuck in the cash acceptor. Your notes so far are credited; the staff have been told.</source>
        <translation>纸币识别器卡币。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60"/>
        <source>The cash acceptor was opened. Your notes so far are credited; the staff have been told.</source>
        <translation>钱箱被打开。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63"/>
        <source>The cash acceptor stopped working.</source>
        <translation>纸币识别器停止工作。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64"/>
        <source>The cash acceptor refused a note. The staff have been told.</source>
        <translation>纸币识别器拒收了一张纸币，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66"/>
        <source>The card could not be read. Take it out and insert it again, chip first.</source>
        <translation>无法读取此卡，请拔出后芯片朝前重新插入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="69"/>
        <source>That is a bank card. First find your account, then choose bank card to pay.</source>
        <translation>这是银行卡。请先查询户号，再选择银行卡支付。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="72"/>
        <source>Your last purchase is still on the card. Insert the card into your meter first, then come back to buy more.</source>
        <translation>上次购电尚未插表。请先将卡插入电表，再来购电。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="76"/>
        <source>To buy electricity for a prepaid meter, insert its card into the card slot.</source>
        <translation>为卡表购电，请将购电卡插入读卡口。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="79"/>
        <source>A purchase you had paid for has now been written to your card, free of charge.</source>
        <translation>您已付款但未写卡的电量已免费补写到卡中。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82"/>
        <source>A purchase you paid for could not be written yet. Keep the card in and try again.</source>
        <translation>已付款的电量暂未写入卡中，请保持插卡并重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="84"/>
        <source>That is not a bank card. Please insert a bank card.</source>
        <translation>这不是银行卡，请插入银行卡。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85"/>
        <source>No PIN was entered. The card payment was cancelled.</source>
        <translation>未输入密码，银行卡支付已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="86"/>
        <source>The card payment was cancelled. Nothing was charged.</source>
        <translation>银行卡支付已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="88"/>
        <source>Your bank did not answer in time. The card payment was cancelled and any hold on your card released.</source>
        <translation>银行未及时响应，本次支付已撤销，卡上冻结的金额已释放。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="92"/>
        <source>We are still confirming this card payment with your bank. You will not be charged twice; the staff have been told.</source>
        <translation>正在与银行确认本笔支付，不会重复扣款，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96"/>
        <source>That is not a payment code. Open the payment code in WeChat, Alipay or UnionPay.</source>
        <translation>这不是付款码。请打开微信、支付宝或云闪付的付款码。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99"/>
        <source>The mobile payment was cancelled. If your phone was charged, the money has been refunded to it.</source>
        <translation>手机支付已撤销。如已扣款，款项已原路退回。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="103"/>
        <source>We are still confirming this mobile payment with the wallet. If your phone was charged you will not lose the money; the staff have been told.</source>
        <translation>正在与支付机构确认本笔手机支付。如已扣款，您的资金不会损失，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="106"/>
        <source>The mobile payment was cancelled. Nothing was charged.</source>
        <translation>手机支付已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108"/>
        <source>The cashbox is full. Your notes so far are credited; the staff have been told.</source>
        <translation>钱箱已满。已收纸币已为您入账，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="110"/>
        <source>Please enter the name for the invoice.</source>
        <translation>请输入发票抬头名称。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="111"/>
        <source>The name is too long: at most 100 characters.</source>
        <translation>名称过长：最多 100 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="113"/>
        <source>The name contains characters an invoice cannot hold.</source>
        <translation>名称中含有发票不能使用的字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="116"/>
        <source>This cannot be put on an invoice. Please check what you typed.</source>
        <translation>此内容不能用于发票，请检查您输入的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="119"/>
        <source>A company invoice needs the company&apos;s Unified Social Credit Code.</source>
        <translation>单位发票需要填写单位的统一社会信用代码。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="122"/>
        <source>A Unified Social Credit Code has 18 digits and capital letters (no I, O, S, V or Z).</source>
        <translation>统一社会信用代码为 18 位数字和大写字母（不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="126"/>
        <source>The last character of this code does not pass the national check (GB 32100). Please compare it with the business licence. If it is exactly as printed, touch &quot;The code is correct&quot;.</source>
        <translation>该代码的最后一位未通过国家标准校验（GB 32100）。请与营业执照核对；如与执照上完全一致，请点“代码无误”。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="131"/>
        <source>The tax system did not accept this Unified Social Credit Code. Please check it against the business licence and correct it.</source>
        <translation>税务系统未接受该统一社会信用代码。请与营业执照核对后修改。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="134"/>
        <source>A personal invoice has no tax number.</source>
        <translation>个人发票无需填写税号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="136"/>
        <source>This e-mail address is not complete, e.g. name@example.com.</source>
        <translation>电子邮箱地址不完整，例如 name@example.com。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="139"/>
        <source>A mobile number has 11 digits and starts with 13 to 19.</source>
        <translation>手机号为 11 位数字，以 13 至 19 开头。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="142"/>
        <source>This payment cannot be invoiced here. Please ask the staff.</source>
        <translation>这笔缴费无法在此开票，请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="145"/>
        <source>The invoice request could not be sent. Please try again or ask the staff.</source>
        <translation>发票申请未能发送，请重试或咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="147"/>
        <source>Please type the account holder&apos;s full name.</source>
        <translation>请输入户主全名。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="149"/>
        <source>This name does not match the account holder&apos;s name. Please type it exactly as on the electricity account.</source>
        <translation>姓名与户主姓名不符，请按用电户名准确输入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="152"/>
        <source>Choose a day from 1 to 28.</source>
        <translation>请选择 1 至 28 日中的一天。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="153"/>
        <source>Choose one of the limits shown.</source>
        <translation>请选择所列限额之一。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="155"/>
        <source>Please ask the staff for help.</source>
        <translation>请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="160"/>
        <source>This account is closed.</source>
        <translation>该户已销户。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="161"/>
        <source>The utility does not know this account.</source>
        <translation>供电公司查无此户。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="162"/>
        <location filename="../../ui/messages.py" line="163"/>
        <source>The bank card could not be used for auto-debit.</source>
        <translation>此银行卡不能用于自动代扣。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165"/>
        <source>The utility cannot be reached right now. Nothing was set up; please try later.</source>
        <translation>暂时无法连接供电公司，未办理签约，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="171"/>
        <source>The utility did not accept the sign-up ({reason}). Please ask the staff.</source>
        <translation>供电公司未受理签约（{reason}），请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="177"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="178"/>
        <source>In arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="179"/>
        <source>Disconnected</source>
        <translation>已停电</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="180"/>
        <source>Closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="185"/>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="186"/>
        <source>Prepaid (IC card)</source>
        <translation>预付费（IC 卡表）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="187"/>
        <source>Prepaid (smart meter)</source>
        <translation>预付费（远程费控）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="192"/>
        <source>Tier 1</source>
        <translation>第一档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="193"/>
        <source>Tier 2</source>
        <translation>第二档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="194"/>
        <source>Tier 3</source>
        <translation>第三档</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="195"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="196"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="197"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="198"/>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="203"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="204"/>
        <source>Scan my payment code</source>
        <translation>扫描我的付款码</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="205"/>
        <source>Scan the kiosk&apos;s QR code</source>
        <translation>扫描本机二维码</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="206"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="212"/>
        <location filename="../../ui/messages.py" line="240"/>
        <source>the utility cannot be reached</source>
        <translation>无法连接电力营销系统</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="213"/>
        <location filename="../../ui/messages.py" line="219"/>
        <source>declined by the wallet</source>
        <translation>支付机构拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="214"/>
        <source>the payment code is not valid</source>
        <translation>付款码无效</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="215"/>
        <source>the account is closed</source>
        <translation>户号已销户</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="216"/>
        <source>the amount is not allowed</source>
        <translation>金额不在允许范围内</translation>
    </message>
</context>
<context>
    <name>MethodScreen</name>
    <message>
        <location filename="../../ui/screens/payment.py" line="113"/>
        <source>Choose how to pay</source>
        <translation>请选择支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="116"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="117"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="118"/>
        <source>Show
payment code</source>
        <translation>出示
付款码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="119"/>
        <source>Scan
QR code</source>
        <translation>扫描
二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="122"/>
        <source>¥1 · ¥5 · ¥10 · ¥20 · ¥50 · ¥100 notes</source>
        <translation>收 1、5、10、20、50、100 元纸币</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="123"/>
        <source>UnionPay chip card and PIN</source>
        <translation>银联芯片卡，输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="124"/>
        <source>Show the payment code in your phone&apos;s wallet to the scanner</source>
        <translation>打开微信或支付宝付款码，对准扫码器</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="125"/>
        <source>Scan the kiosk&apos;s QR code with your phone</source>
        <translation>用手机扫描本机屏幕上的二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="136"/>
        <source>Mobile payment needs the connection to the utility, which is down.</source>
        <translation>手机支付需要连接电力营销系统，目前网络中断。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="139"/>
        <source>No paper receipt is available; you will get an e-receipt QR code instead.</source>
        <translation>暂无法打印纸质凭条，缴费后将显示电子凭条二维码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/payment.py" line="143"/>
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
        <location filename="../../ui/keyboard.py" line="315"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="316"/>
        <source>ABC</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="317"/>
        <source>123 @</source>
        <translation>123 @</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="318"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="319"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="320"/>
        <location filename="../../ui/keyboard.py" line="321"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="322"/>
        <source>Capital letters</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="323"/>
        <source>Previous candidates</source>
        <translation>上一页候选</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="324"/>
        <source>More candidates</source>
        <translation>更多候选</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="535"/>
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
    <name>PaymentHistoryPanel</name>
    <message>
        <location filename="../../ui/history_panel.py" line="58"/>
        <source>Self-service kiosk</source>
        <translation>自助缴费终端</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="59"/>
        <source>Mobile app</source>
        <translation>网上国网 App</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="60"/>
        <source>Bank</source>
        <translation>银行代收</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="61"/>
        <source>Service counter</source>
        <translation>营业厅柜台</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="62"/>
        <source>Automatic debit</source>
        <translation>银行代扣</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="63"/>
        <location filename="../../ui/history_panel.py" line="69"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="64"/>
        <location filename="../../ui/history_panel.py" line="70"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="67"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="68"/>
        <source>bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="71"/>
        <source>UnionPay QR</source>
        <translation>银联二维码</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="77"/>
        <source>{channel} ({method})</source>
        <translation>{channel}（{method}）</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="85"/>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="86"/>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="87"/>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="88"/>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="89"/>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="90"/>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="91"/>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="92"/>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="93"/>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="94"/>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="95"/>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="96"/>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="98"/>
        <source>{d} {month} {y}</source>
        <translation>{y}年{month}{d}日</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="118"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="118"/>
        <source>Paid through</source>
        <translation>缴费渠道</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="118"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="118"/>
        <source>Receipt</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="104"/>
        <source>Loading your payment history…</source>
        <translation>正在查询缴费记录…</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="106"/>
        <source>Payment history is unavailable right now. You can still pay.</source>
        <translation>暂时无法查询缴费记录，不影响缴费。</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="108"/>
        <source>No payments yet.</source>
        <translation>暂无缴费记录。</translation>
    </message>
    <message>
        <location filename="../../ui/history_panel.py" line="112"/>
        <source>Payments from all channels, newest first</source>
        <translation>各渠道缴费记录，最近的在前</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/staff/report.py" line="25"/>
        <source>Day report</source>
        <translation>日报表</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="33"/>
        <source>Export CSV and PDF</source>
        <translation>导出 CSV 和 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="41"/>
        <source>Adding up the day...</source>
        <translation>正在汇总当日数据……</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="53"/>
        <source>The report failed: {error}</source>
        <translation>报表生成失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="58"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="59"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="60"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="61"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="62"/>
        <source>UnionPay QR</source>
        <translation>云闪付</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="65"/>
        <source>Matched</source>
        <translation>账目一致</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="66"/>
        <source>Mismatch</source>
        <translation>账目不符</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="67"/>
        <source>Not sent (will retry)</source>
        <translation>未发送（将重试）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="68"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="69"/>
        <source>Not settled yet</source>
        <translation>尚未对账</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="71"/>
        <source>Business date: {day}</source>
        <translation>营业日：{day}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="76"/>
        <source>All confirmed payments: {n} / {total}</source>
        <translation>已确认的缴费合计：{n} 笔 / {total}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="80"/>
        <source>Still being sent: {n}</source>
        <translation>尚在发送中：{n} 笔</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="81"/>
        <source>Transactions today: {n}</source>
        <translation>今日交易：{n} 笔</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="82"/>
        <source>Cash collections: {n}</source>
        <translation>现金清点：{n} 次</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="84"/>
        <source>Settlement: {status}</source>
        <translation>对账：{status}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="94"/>
        <source>Writing the report...</source>
        <translation>正在写入报表……</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="105"/>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/report.py" line="109"/>
        <source>Saved {csv} and {pdf} ({pages} page(s)).</source>
        <translation>已保存 {csv} 和 {pdf}（共 {pages} 页）。</translation>
    </message>
</context>
<context>
    <name>ReprintPage</name>
    <message>
        <location filename="../../ui/staff/reprint.py" line="46"/>
        <source>Reprint a receipt of today</source>
        <translation>补打今日凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="51"/>
        <source>Print the selected receipt</source>
        <translation>打印所选凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="65"/>
        <source>No receipts today.</source>
        <translation>今天没有凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="74"/>
        <source>Printing...</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="79"/>
        <source>Printing failed: {error}</source>
        <translation>打印失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/reprint.py" line="81"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="62"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="63"/>
        <source>E-invoice</source>
        <translation>电子发票</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="68"/>
        <source>Payment received</source>
        <translation>缴费成功</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="68"/>
        <source>Payment recorded</source>
        <translation>缴费已记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="71"/>
        <source>Paid</source>
        <translation>实缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="73"/>
        <source>To your balance</source>
        <translation>存入余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="77"/>
        <source>New balance</source>
        <translation>当前余额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="83"/>
        <source>Still due</source>
        <translation>仍需缴纳</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="88"/>
        <source>Receipt number</source>
        <translation>凭条号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="89"/>
        <source>Transaction</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="96"/>
        <source>Your money is safely recorded by this kiosk. It will be posted to your account when the connection to the utility returns.</source>
        <translation>您的缴费已由本机安全记录，网络恢复后将自动入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="100"/>
        <source>Your payment is held for the staff to assign to the right account.</source>
        <translation>您的缴费已暂存，工作人员将核实后入账。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="102"/>
        <source>Please take your receipt.</source>
        <translation>请取走您的凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="104"/>
        <source>No paper receipt: scan the QR code for your e-receipt.</source>
        <translation>无法打印纸质凭条：请扫描二维码获取电子凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="106"/>
        <source>Printing your receipt…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="108"/>
        <source>The electricity is on your card. You can take the card out now.</source>
        <translation>电量已写入购电卡，您可以拔卡了。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="110"/>
        <source>The card was taken out before the purchase was written. It is saved: insert the card again, here or at any kiosk, to write it for free.</source>
        <translation>写卡前购电卡被拔出。购电已保存：在本机或任一终端重新插卡即可免费补写。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="114"/>
        <source>The purchase could not be written to your card; the staff have been told.</source>
        <translation>电量未能写入购电卡，工作人员已收到通知。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="117"/>
        <source>The purchase will be written to your card once the utility confirms the payment.</source>
        <translation>电力公司确认付款后即可写卡。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="129"/>
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
        <location filename="../../ui/staff/console.py" line="119"/>
        <source>Cashbox now</source>
        <translation>钱箱现状</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="120"/>
        <source>Cash collection</source>
        <translation>清机收款</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="123"/>
        <source>End-of-day settlement</source>
        <translation>日终对账</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="126"/>
        <source>Attention list</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="127"/>
        <source>Day report</source>
        <translation>日报表</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="128"/>
        <source>Reprint receipts</source>
        <translation>补打凭条</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="129"/>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="130"/>
        <location filename="../../ui/staff/console.py" line="134"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="133"/>
        <source>Staff menu</source>
        <translation>工作人员菜单</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="183"/>
        <source>Signed in: {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/console.py" line="198"/>
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
        <location filename="../../ui/screens/start.py" line="41"/>
        <source>Pay your electricity bill</source>
        <translation>电费自助缴费</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="43"/>
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
        <source>Enter account
number</source>
        <translation>输入户号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="46"/>
        <source>Scan bill
QR code</source>
        <translation>扫描账单二维码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/start.py" line="47"/>
        <source>Insert
prepaid card</source>
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
    <name>TargetPicker</name>
    <message>
        <location filename="../../ui/staff/targets.py" line="32"/>
        <source>Folder to write to, e.g. /media/kiosk/USB</source>
        <translation>要写入的文件夹，例如 /media/kiosk/USB</translation>
    </message>
    <message>
        <location filename="../../ui/staff/targets.py" line="35"/>
        <source>Look for USB sticks</source>
        <translation>查找U盘</translation>
    </message>
    <message>
        <location filename="../../ui/staff/targets.py" line="62"/>
        <source>Choose or type a folder first.</source>
        <translation>请先选择或输入文件夹。</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <location filename="../../ui/staff/technician.py" line="95"/>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="104"/>
        <source>Refresh status</source>
        <translation>刷新状态</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="105"/>
        <source>Test back-end link</source>
        <translation>测试后台连接</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="106"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="107"/>
        <source>Read a card</source>
        <translation>读卡测试</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="108"/>
        <source>Accept one note and return it</source>
        <translation>收一张纸币并退回</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="109"/>
        <source>Speaker test</source>
        <translation>扬声器测试</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="110"/>
        <source>Voice quieter</source>
        <translation>语音调小</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="111"/>
        <source>Voice louder</source>
        <translation>语音调大</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="112"/>
        <source>Click sound on/off</source>
        <translation>按键音 开/关</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="113"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="114"/>
        <source>Kiosk log</source>
        <translation>终端日志</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="115"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="116"/>
        <source>Take out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="117"/>
        <source>Back into service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="125"/>
        <source>Stop the note test</source>
        <translation>停止纸币测试</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="150"/>
        <source>Not stored: {error}</source>
        <translation>未能保存：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="153"/>
        <source>Reading device status...</source>
        <translation>正在读取设备状态…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="158"/>
        <source>Status failed: {error}</source>
        <translation>读取状态失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="162"/>
        <source>Banknote acceptor</source>
        <translation>识币器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="163"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="164"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="165"/>
        <source>Scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="174"/>
        <source>Outbox: {n} unsent, oldest {oldest}</source>
        <translation>待发送队列：{n} 条未发送，最早 {oldest}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="178"/>
        <source>Attention items open: {n}</source>
        <translation>待处理事项：{n} 项</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="180"/>
        <source>Disk: {free:.1f} GB free of {total:.1f} GB</source>
        <translation>磁盘：可用 {free:.1f} GB，共 {total:.1f} GB</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="184"/>
        <source>Software version: {v}</source>
        <translation>软件版本：{v}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="185"/>
        <source>Mode: {mode}</source>
        <translation>运行模式：{mode}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="190"/>
        <source>Back-end link: testing...</source>
        <translation>后台连接：测试中…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="195"/>
        <source>Back-end link: FAILED ({error})</source>
        <translation>后台连接：失败（{error}）</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="197"/>
        <source>Back-end link: OK, {ms:.0f} ms</source>
        <translation>后台连接：正常，{ms:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="203"/>
        <source>This printer has no test page.</source>
        <translation>此打印机不支持测试页。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="206"/>
        <source>Printing a test page...</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="207"/>
        <source>Test page printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="211"/>
        <source>Reading the card...</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="212"/>
        <source>Card: {result}</source>
        <translation>卡片：{result}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="228"/>
        <source>Insert one banknote within {s} seconds; it will be given back.</source>
        <translation>请在 {s} 秒内放入一张纸币，纸币会被退回。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="243"/>
        <location filename="../../ui/staff/technician.py" line="331"/>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="249"/>
        <source>Note test passed: a {value} note was recognised and given back.</source>
        <translation>纸币测试通过：已识别一张 {value} 纸币并退回。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="250"/>
        <source>The acceptor refused the note and gave it back ({detail}).</source>
        <translation>识币器拒收了这张纸币并已退回（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="251"/>
        <source>No note was inserted in time.</source>
        <translation>规定时间内没有放入纸币。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="252"/>
        <source>Note test stopped.</source>
        <translation>纸币测试已停止。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="254"/>
        <source>The acceptor kept the {value} note although told to give it back: it is recorded for staff. Check the device.</source>
        <translation>识币器在要求退回后仍收下了这张 {value} 纸币：已记录待员工处理。请检查设备。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="258"/>
        <source>The acceptor reported a problem: {outcome}.</source>
        <translation>识币器报告故障：{outcome}。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="270"/>
        <source>No text-to-speech engine: the speaker cannot be tested.</source>
        <translation>没有语音合成引擎：无法测试扬声器。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="282"/>
        <source>Voice volume: {percent}%</source>
        <translation>语音音量：{percent}%</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="283"/>
        <source>Voice volume: {percent}%, kept after a restart</source>
        <translation>语音音量：{percent}%，重启后保持</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="293"/>
        <source>Click sound on</source>
        <translation>按键音已开启</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="293"/>
        <source>Click sound off</source>
        <translation>按键音已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="295"/>
        <source>Click sound on, kept after a restart</source>
        <translation>按键音已开启，重启后保持</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="297"/>
        <source>Click sound off, kept after a restart</source>
        <translation>按键音已关闭，重启后保持</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="322"/>
        <source>Speaker test. Welcome to the self-service electricity payment kiosk.</source>
        <translation>扬声器测试。欢迎使用自助电费缴费机。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="324"/>
        <source>The voice is switched off.</source>
        <translation>语音已关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="326"/>
        <source>Speaking: {text}</source>
        <translation>正在播放：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/staff/technician.py" line="347"/>
        <source>Mode stored: {mode}</source>
        <translation>已保存模式：{mode}</translation>
    </message>
</context>
<context>
    <name>WalletQrScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="103"/>
        <source>Scan this QR code with your phone</source>
        <translation>请用手机扫描二维码付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="106"/>
        <source>Use WeChat, Alipay or a UnionPay app, then confirm the payment on your phone.</source>
        <translation>请使用微信、支付宝或云闪付扫码，并在手机上确认付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="115"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="119"/>
        <source>Valid for {time}</source>
        <translation>有效时间 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="122"/>
        <source>Preparing the QR code…</source>
        <translation>正在生成二维码…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="123"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
</context>
<context>
    <name>WalletScanScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="32"/>
        <source>Show your payment code to the scanner</source>
        <translation>请出示付款码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="36"/>
        <source>1. Open WeChat, Alipay or your UnionPay app and choose Pay (付款码).
2. Hold the phone screen 10 to 20 cm under the scanner below this screen.</source>
        <translation>1. 打开微信、支付宝或云闪付，进入“付款码”。
2. 将手机屏幕对准屏幕下方的扫描口，距离 10 至 20 厘米。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="41"/>
        <source>Choose another method</source>
        <translation>选择其他支付方式</translation>
    </message>
</context>
<context>
    <name>WalletWaitScreen</name>
    <message>
        <location filename="../../ui/screens/wallet.py" line="60"/>
        <source>Mobile payment</source>
        <translation>手机支付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="64"/>
        <source>Sending the payment to your wallet…</source>
        <translation>正在发起支付…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="65"/>
        <source>Please confirm the payment on your phone.</source>
        <translation>请在手机上确认付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="66"/>
        <location filename="../../ui/screens/wallet.py" line="67"/>
        <source>Cancelling the payment with your wallet…</source>
        <translation>正在撤销支付…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="69"/>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="71"/>
        <source>Waiting up to {n} s more.</source>
        <translation>最多再等待 {n} 秒。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/wallet.py" line="75"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
</context>
</TS>
