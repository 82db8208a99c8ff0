"""Reply documents from templates: an e-mail (.eml, RFC 5322 with attachments) and the same letter as
PDF, in English or Simplified Chinese, each kept content-addressed and recorded as a `case.reply` entry.

Templates: acknowledgement, missing_elements, counter_notice_forwarded, completion (the removal
certificate attached), extension (GDPR Art. 12(3)), refusal (GDPR Art. 17(3), with the Art. 12(4)
remedies), and the Art. 19 notice to a recipient (`recipient_notice`).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.core.os_errors import os_error_said
from ledger_app.services.legal import ART17_3_GROUNDS, CounterNotifier, purged_items
from ledger_app.services.takedown_records import RequestRecord
from ledger_app.storage.repos.cases import item_origin

TEMPLATES = ("acknowledgement", "missing_elements", "counter_notice_forwarded", "completion", "extension", "refusal")
LANGUAGES = ("en", "zh_CN")

TYPE_NAMES = {
    "en": {"dmca": "DMCA notice", "gdpr": "erasure request (GDPR Art. 17)", "publisher": "publisher's demand",
           "optout": "opt-out request", "license": "licence expiry", "court": "court order", "other": "request"},
    "zh_CN": {"dmca": "DMCA 通知", "gdpr": "删除请求（GDPR 第 17 条）", "publisher": "出版方要求", "optout": "退出请求",
              "license": "许可到期", "court": "法院命令", "other": "请求"},
}

GROUNDS_ZH = {
    "a": "为行使言论和信息自由权所必需（第 17(3)(a) 条）",
    "b": "为履行法律义务、执行公共利益任务或行使官方权力所必需（第 17(3)(b) 条）",
    "c": "出于公共卫生领域的公共利益（第 17(3)(c) 条）",
    "d": "为公共利益的存档目的、科学或历史研究目的或统计目的所必需（第 17(3)(d) 条）",
    "e": "为提起、行使或辩护法律主张所必需（第 17(3)(e) 条）",
}

T: dict[str, dict[str, str]] = {
    "en": {
        "subject.acknowledgement": "Your {type_name} — reference {id}",
        "acknowledgement": "We received your {type_name} on {received}. Its reference is {id}; please quote it in "
                           "any reply. We will answer by {due_by}.",
        "subject.missing_elements": "Your {type_name} is incomplete — reference {id}",
        "missing_elements": "We cannot act on your {type_name} received on {received} yet, because it lacks the "
                            "following elements:\n{missing}\nPlease send them, quoting reference {id}.",
        "subject.counter_notice_forwarded": "Counter-notice concerning your notice — reference {id}",
        "counter_notice_forwarded": "We removed the material identified in your notice {id}. The subscriber has sent "
                                    "a counter-notice under 17 U.S.C. 512(g)(3); a copy of its elements follows.\n"
                                    "Unless we receive notice that you have filed an action seeking a court order to "
                                    "restrain the subscriber, we will restore the material not earlier than {earliest} "
                                    "and not later than {latest} (10 to 14 business days from today, 512(g)(2)(C)).",
        "subject.completion": "Removal completed — reference {id}",
        "completion": "The material identified in your {type_name} {id} has been removed from our training data: "
                      "{items} item(s). The signed removal certificate is attached; it can be verified offline with "
                      "our ledger's public key. Removal from the dataset does not remove what models trained "
                      "earlier learned; the certificate lists the training runs and dataset releases that contained "
                      "the items.",
        "subject.extension": "Your erasure request: time extended — reference {id}",
        "extension": "Because of {reason}, we need more time to answer your request {id} received on {received}. "
                     "Under Art. 12(3) GDPR we extend the period by {months} month(s); we will answer by {due_by}.",
        "subject.refusal": "Your erasure request — reference {id}",
        "refusal": "We have {scope} your request {id} to erase personal data. {count} item(s) are retained because "
                   "processing is necessary {ground_text}. Our reasons: {reasons}\nYou may lodge a complaint with a "
                   "supervisory authority and seek a judicial remedy (Art. 12(4) GDPR).",
        "scope.full": "refused",
        "scope.partial": "partly refused",
        "subject.art19": "Erasure notice under Art. 19 GDPR — reference {id}",
        "art19": "Personal data contained in {count} item(s) of the dataset you received ({recipient}) has been erased "
                 "at the data subject's request ({id}). Under Art. 19 GDPR we ask you to erase these items too: their "
                 "SHA-256 values are listed below.",
        "greeting": "Dear {name},",
        "closing": "Kind regards,\n{sender}",
        "ref": "Reference",
        "received": "Received",
        "due": "Due by",
    },
    "zh_CN": {
        "subject.acknowledgement": "您的{type_name}——编号 {id}",
        "acknowledgement": "我们已于 {received} 收到您的{type_name}。编号为 {id}，回复时请注明。我们将在 {due_by} 前答复。",
        "subject.missing_elements": "您的{type_name}不完整——编号 {id}",
        "missing_elements": "我们暂时无法处理您于 {received} 提交的{type_name}，因为缺少以下要素：\n{missing}\n请补充并注明编号 {id}。",
        "subject.counter_notice_forwarded": "关于您的通知的反通知——编号 {id}",
        "counter_notice_forwarded": "我们已删除您的通知 {id} 所指明的材料。该用户已依据《美国法典》第 17 编第 512(g)(3) 条提交反通知，"
                                    "其要素如下。\n除非我们收到您已提起诉讼、请求法院命令禁止该用户的通知，我们将在 {earliest} 至 {latest} "
                                    "之间恢复该材料（自今日起第 10 至 14 个工作日，第 512(g)(2)(C) 条）。",
        "subject.completion": "删除已完成——编号 {id}",
        "completion": "您的{type_name} {id} 所指明的材料已从我们的训练数据中删除：共 {items} 项。附件为已签名的删除证书，"
                      "可使用我们账本的公钥离线验证。从数据集中删除并不会删除此前训练的模型已学到的内容；证书列出了包含这些条目的训练运行和数据集版本。",
        "subject.extension": "您的删除请求：期限延长——编号 {id}",
        "extension": "由于{reason}，我们需要更多时间答复您于 {received} 提交的请求 {id}。根据 GDPR 第 12(3) 条，我们将期限延长 {months} 个月；"
                     "我们将在 {due_by} 前答复。",
        "subject.refusal": "您的删除请求——编号 {id}",
        "refusal": "我们已{scope}您删除个人数据的请求 {id}。{count} 项被保留，因为该处理{ground_text}。理由：{reasons}\n"
                   "您可以向监管机构投诉并寻求司法救济（GDPR 第 12(4) 条）。",
        "scope.full": "拒绝",
        "scope.partial": "部分拒绝",
        "subject.art19": "依据 GDPR 第 19 条的删除通知——编号 {id}",
        "art19": "您所接收的数据集（{recipient}）中有 {count} 项包含的个人数据已应数据主体的请求（{id}）删除。"
                 "根据 GDPR 第 19 条，请您同样删除这些条目：其 SHA-256 值列于下方。",
        "greeting": "尊敬的 {name}：",
        "closing": "此致\n{sender}",
        "ref": "编号",
        "received": "收到日期",
        "due": "截止日期",
    },
}


@dataclass(frozen=True)
class Reply:
    """A reply written to disk and recorded: the .eml, the PDF and the ledger entry."""

    template: str
    language: str
    eml: str
    pdf: str | None
    sha256: str
    entry: int

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DraftReply:
    """The request for missing elements written for a draft (on disk only; a draft is not in the ledger)."""

    draft: int
    template: str
    language: str
    eml: str
    pdf: str | None

    def to_json(self) -> dict[str, Any]:
        return {"draft": self.draft, "template": self.template, "language": self.language, "eml": self.eml,
                "pdf": self.pdf}


def _sender(services_ws) -> tuple[str, str]:
    s = services_ws.settings
    name = s.get("user.name") or "Legal team"
    addr = s.get("legal.reply_from") or ""
    if not addr:
        origin = s.get("ledger.origin") or "localhost"
        host = origin.split("/", 1)[0]
        addr = f"legal@{host}" if "." in host else "legal@localhost"
    return name, addr


def _eml(subject: str, body: str, sender: tuple[str, str], to: str | None, attachments=()) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = f"{sender[0]} <{sender[1]}>"
    if to:
        msg["To"] = to
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=sender[1].split("@", 1)[-1])
    msg.set_content(body)
    for name, data, maintype, subtype in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


def compose(legal, rid: int, template: str, language: str = "en", *, certificate: Path | None = None,
            missing: list[str] | None = None) -> tuple[str, str, list]:
    """(subject, body, attachments) of a reply; raises UserError when the case has not reached it."""
    if template not in TEMPLATES:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown reply template {template}; use one of {choices}"),
            template=repr(template), choices=', '.join(TEMPLATES))
    if language not in LANGUAGES:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the reply language is one of {choices}, not {language}"),
            choices=', '.join(LANGUAGES), language=repr(language))
    t = T[language]
    td = legal.takedown
    req = td.request_record(rid)
    row = legal.cases.row(rid)
    args: dict[str, Any] = {"id": rid, "type_name": TYPE_NAMES[language][req.type], "received": req.received,
                            "due_by": req.due_by}
    attachments: list = []
    extra = ""
    if template == "missing_elements":
        miss = missing
        if miss is None:
            cn = legal.counter_notice_record(rid)
            if cn is not None and cn.missing:
                miss = list(cn.missing)
            elif req.status == "rejected" and req.status_reason:
                miss = req.status_reason.split("; ")
        if not miss:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} lacks no element; there is nothing to ask for"),
                rid=rid)
        args["missing"] = "\n".join(f"  - {m}" for m in miss)
    elif template == "counter_notice_forwarded":
        win = legal.restore_window(rid)
        if win.forwarded_on is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the counter-notice of request {rid} is not forwarded yet (`ledger takedown forward {rid}`)"),
                rid=rid)
        args.update(earliest=win.earliest, latest=win.latest)
        cn = legal.counter_notice_record(rid)
        person = legal.counter_notifier(rid) or CounterNotifier()
        extra = "\n".join(f"{k}: {getattr(person, k)}" for k in ("name", "address", "phone", "material", "location", "signature")
                          if getattr(person, k)) + f"\nitems: {', '.join(cn.items)}"
    elif template == "completion":
        if req.status not in ("purged", "certified", "closed"):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is {status}; the completion letter follows the purge"),
                rid=rid, status=req.status)
        args["items"] = len(purged_items(td.purge_view(rid)))
        if certificate is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "attach the removal certificate (--certificate FILE, from `ledger takedown certificate`)"))
        try:
            data = Path(certificate).read_bytes()
        except OSError as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot read the certificate {certificate}: {strerror}"),
                certificate=certificate, strerror=os_error_said(e)) from None
        try:
            doc = json.loads(data)
        except json.JSONDecodeError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name} is not a removal certificate (not JSON)"),
                name=Path(certificate).name) from None
        if doc.get("request", {}).get("id") != rid:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name} is not the certificate of request {rid}"),
                name=Path(certificate).name, rid=rid)
        attachments.append((Path(certificate).name, data, "application", "json"))
        pdf = Path(certificate).with_suffix(".pdf")
        if pdf.exists():
            attachments.append((pdf.name, pdf.read_bytes(), "application", "pdf"))
    elif template == "extension":
        if not req.extended_reason:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} was not extended (`ledger takedown extend {rid} --months N --reason …`)"),
                rid=rid)
        from ledger_app.takedown.requests import add_months

        received = datetime.fromisoformat(req.received).date()
        months = next(m for m in (1, 2) if add_months(received, 1 + m).isoformat() == req.due_by)
        args.update(reason=req.extended_reason, months=months)
    elif template == "refusal":
        refs = legal.refusals(rid)
        if not refs:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} has no recorded refusal (`ledger takedown refuse {rid} --ground …`)"),
                rid=rid)
        r = refs[-1]
        g = r.ground[-2]
        args.update(scope=t["scope.partial" if r.partial else "scope.full"], count=len(r.retained),
                    ground_text=(GROUNDS_ZH[g] if language == "zh_CN" else ART17_3_GROUNDS[g]), reasons=r.reasons or "")
    subject = t[f"subject.{template}"].format(**args)
    name = row.requester.name or ("" if language == "zh_CN" else "Sir or Madam")
    sender = _sender(legal.ws)
    body = "\n\n".join(p for p in [t["greeting"].format(name=name), t[template].format(**args), extra,
                                   t["closing"].format(sender=sender[0])] if p)
    return subject, body, attachments


def write_reply(legal, rid: int, template: str, *, language: str = "en", out_dir: Path | None = None,
                certificate: Path | None = None, pdf: bool = True, missing: list[str] | None = None) -> Reply:
    from ledger_app.certificates.letter import render_letter_pdf

    subject, body, attachments = compose(legal, rid, template, language, certificate=certificate, missing=missing)
    sender = _sender(legal.ws)
    row = legal.cases.row(rid)
    eml = _eml(subject, body, sender, row.requester.email, attachments)
    out_dir = Path(out_dir) if out_dir else legal.ws.path / "replies" / f"request-{rid}"
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / f"{template}.{language}"
    eml_path = base.with_name(base.name + ".eml")
    eml_path.write_bytes(eml)
    pdf_path = None
    if pdf:
        pdf_path = base.with_name(base.name + ".pdf")
        import hashlib

        render_letter_pdf(pdf_path, title=subject, paragraphs=body.split("\n\n"), language=language,
                          sender=sender[0], digest=hashlib.sha256(eml).hexdigest(),
                          facts=[(T[language]["ref"], str(rid))])
    legal.ledger.unlock()
    with legal.ws.store.write_transaction() as conn:
        sha = legal.cases.store_document(conn, eml, "message/rfc822")
        _eid, res = legal.cases.record_event(conn, rid, "reply", {"sha256": sha, "name": eml_path.name, "role": "reply",
                                                            "media_type": "message/rfc822", "size": len(eml),
                                                            "template": template, "language": language,
                                                            "files": written_files(eml_path, pdf_path)},
                                       ("case.reply", {"request": rid, "template": template, "language": language,
                                                       "sha256": sha, "size": len(eml)}))
    legal.ledger.after_external_commit(res)
    return Reply(template, language, str(eml_path), str(pdf_path) if pdf_path else None, sha, res.first_index)


def written_files(*paths: Path | None) -> list[dict[str, str]]:
    """Where a letter's files went and what they held, so that erasing the person it was written to
    deletes them (storage/erasure.py `erase_letters`)."""
    import hashlib

    return [{"path": str(p.resolve()), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in paths if p is not None]


def recipient_notice(legal, req: RequestRecord, recipient, *, language: str = "en") -> bytes:
    """The Art. 19 notice to one recipient, as an .eml (the hashes of its items listed, no personal data)."""
    t = T[language]
    lines = []
    with legal.ws.engine.connect() as conn:
        for item_id in recipient.pending or recipient.items:
            origin = item_origin(conn, item_id)
            lines.append(f"  {origin.sha256 if origin else '?'}  {item_id}")
    args = {"id": req.id, "count": len(recipient.pending or recipient.items), "recipient": recipient.name}
    name = recipient.name
    sender = _sender(legal.ws)
    body = "\n\n".join([t["greeting"].format(name=name), t["art19"].format(**args), "\n".join(lines),
                        t["closing"].format(sender=sender[0])])
    return _eml(t["subject.art19"].format(**args), body, sender, recipient.contact)


def write_draft_reply(td, draft_id: int, *, language: str = "en", out_dir: Path | None = None,
                      pdf: bool = True) -> DraftReply:
    """The request for missing elements for a draft (an incomplete notice kept, not recorded). A draft is
    not in the ledger, so neither is this letter; it is written to disk only."""
    from ledger_app.certificates.letter import render_letter_pdf

    if language not in LANGUAGES:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the reply language is one of {choices}, not {language}"),
            choices=', '.join(LANGUAGES), language=repr(language))
    draft = next((d for d in td.drafts() if d.draft == int(draft_id)), None)
    if draft is None:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no open draft {draft_id}; see `ledger takedown drafts`"),
            draft_id=draft_id)
    body_json = td.draft_body(draft_id)
    t = T[language]
    args = {"id": f"D{draft_id}", "type_name": TYPE_NAMES[language][draft.type], "received": draft.received,
            "missing": "\n".join(f"  - {m}" for m in draft.missing)}
    subject = t["subject.missing_elements"].format(**args)
    sender = _sender(td.ws)
    name = body_json.requester or ("" if language == "zh_CN" else "Sir or Madam")
    body = "\n\n".join([t["greeting"].format(name=name), t["missing_elements"].format(**args),
                         t["closing"].format(sender=sender[0])])
    eml = _eml(subject, body, sender, body_json.email)
    out_dir = Path(out_dir) if out_dir else td.ws.path / "replies" / f"draft-{draft_id}"
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = _free_stem(out_dir, language)
    eml_path = out_dir / f"{stem}.{language}.eml"
    eml_path.write_bytes(eml)
    pdf_path = None
    if pdf:
        import hashlib

        pdf_path = out_dir / f"{stem}.{language}.pdf"
        render_letter_pdf(pdf_path, title=subject, paragraphs=body.split("\n\n"), language=language, sender=sender[0],
                          digest=hashlib.sha256(eml).hexdigest(), facts=[(t["ref"], f"D{draft_id}")])
    td.draft_letters_written(draft_id, written_files(eml_path, pdf_path))
    return DraftReply(int(draft_id), "missing_elements", language, str(eml_path), str(pdf_path) if pdf_path else None)


def _free_stem(out_dir: Path, language: str) -> str:
    """The name of a new request for missing elements in `out_dir`: a later letter (the draft amended)
    is written beside the earlier ones (missing_elements-2, -3, …), never over them."""
    for k in itertools.count(1):
        stem = "missing_elements" if k == 1 else f"missing_elements-{k}"
        if not any((out_dir / f"{stem}.{language}.{ext}").exists() for ext in ("eml", "pdf")):
            return stem
    raise AssertionError("unreachable")


def letter_after_amendment(td, draft_id: int) -> DraftReply | None:
    """A draft amended and still incomplete, whose requester was already sent a request for the
    missing elements, gets a new one asking for what is still missing: in the folder and language of
    the last letter, with a PDF if that one had one. None when no letter was written for the draft."""
    letters = [Path(str(f.get("path", ""))) for f in td.draft_letters(draft_id)]
    emls = [p for p in letters if p.suffix == ".eml"]
    if not emls:
        return None
    last = emls[-1]
    language = last.name.rsplit(".", 2)[-2] if last.name.count(".") >= 2 else "en"
    if language not in LANGUAGES:
        language = "en"
    return write_draft_reply(td, draft_id, language=language, out_dir=last.parent,
                             pdf=last.with_suffix(".pdf") in letters)
