"""Every string printed on a receipt or slip, in one table keyed by language.

Kept in one place so the lead can route them through the translation system later.
"""

from __future__ import annotations

from typing import Final

LABELS: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "title": "电费缴费凭证",
        "kiosk": "终端编号",
        "location": "网点",
        "time": "时间",
        "receipt_no": "凭证号",
        "transaction_id": "交易号",
        "account": "户号",
        "holder": "户名",
        "bills": "缴费账单",
        "bill_line": "账期 {period}",
        "late_fee": "违约金",
        "prepaid_purchase": "预付费购电",
        "card_written": "已写入电卡",
        "card_not_written": "未写入电卡，请到柜台处理",
        "total_due": "应缴合计",
        "received": "实收",
        "cash": "现金",
        "cash_note": "{denomination} × {count}",
        "card": "银行卡 {pan}",
        "wallet": "{wallet}",
        "wallet.wechat": "微信支付",
        "wallet.alipay": "支付宝",
        "wallet.unionpay": "云闪付",
        "total_received": "实收合计",
        "surplus": "余额转入",
        "new_balance": "账户余额",
        "e_receipt": "扫码查看电子凭证",
        "footer": "请妥善保管本凭证",
        "slip_title": "现金清点单",
        "slip_operator": "操作员",
        "slip_denomination": "面额",
        "slip_expected": "应有",
        "slip_counted": "实点",
        "slip_id": "单号",
        "slip_expected_total": "应有合计",
        "slip_counted_total": "实点合计",
        "slip_discrepancy": "差额",
        "slip_balanced": "账实相符",
        "slip_signature": "签字",
    },
    "en": {
        "title": "Electricity Payment Receipt",
        "kiosk": "Kiosk",
        "location": "Location",
        "time": "Time",
        "receipt_no": "Receipt No.",
        "transaction_id": "Transaction",
        "account": "Account",
        "holder": "Holder",
        "bills": "Bills paid",
        "bill_line": "Period {period}",
        "late_fee": "Late fee",
        "prepaid_purchase": "Prepaid credit",
        "card_written": "Written to card",
        "card_not_written": "NOT written to card, please see the counter",
        "total_due": "Total due",
        "received": "Received",
        "cash": "Cash",
        "cash_note": "{denomination} × {count}",
        "card": "Bank card {pan}",
        "wallet": "{wallet}",
        "wallet.wechat": "WeChat Pay",
        "wallet.alipay": "Alipay",
        "wallet.unionpay": "UnionPay",
        "total_received": "Total received",
        "surplus": "To account balance",
        "new_balance": "Account balance",
        "e_receipt": "Scan for the e-receipt",
        "footer": "Please keep this receipt",
        "slip_title": "Cash Collection Slip",
        "slip_operator": "Operator",
        "slip_denomination": "Note",
        "slip_expected": "Expected",
        "slip_counted": "Counted",
        "slip_id": "Slip No.",
        "slip_expected_total": "Expected total",
        "slip_counted_total": "Counted total",
        "slip_discrepancy": "Discrepancy",
        "slip_balanced": "Balanced",
        "slip_signature": "Signature",
    },
}


def label(language: str, key: str, **values: str) -> str:
    """The label for `key` in `language`, formatted; KeyError names a missing key."""
    try:
        text = LABELS[language][key]
    except KeyError:
        raise KeyError(f"no receipt label {key!r} for language {language!r}") from None
    return text.format(**values) if values else text


def wallet_name(language: str, wallet: str) -> str:
    """A wallet's printed name; an unknown wallet prints as given."""
    return LABELS[language].get(f"wallet.{wallet}", wallet)
