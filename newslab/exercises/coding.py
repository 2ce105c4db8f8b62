"""Coding sheet: label units of the article (the whole article, paragraphs, sentences or spans)
on the questions of a codebook; save; export CSV; compare with a reference or a classmate.

Codings are saved under NEWSLAB_HOME/codings/<set>/<exercise>/<coder>.json after every change of a
code or reason, and only then: showing the sheet or typing a name never writes. The learner's name
is asked once and remembered in the progress store; typing a name loads that name's saved codes.
The CSV has one row per coder, unit, question and code. Comparisons use newslab.agreement: against
the reference, counts of same and different codes with the reference's reasons (agreement with a
reference, no coefficient); with a classmate, kappa and alpha per question, from ten units up.

An interpretive sheet ("interpretive": true) never marks a code wrong: the reference is one
defensible reading with its rationale, and the feedback asks for the learner's reasons.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import config
from .base import Exercise
from .content import ID, Required
from .feedback import Feedback, feedback_html

UNIT_TYPES = ("article", "paragraphs", "sentences", "spans")
CSV_FIELDS = ["coder", "unit", "question", "code", "set", "exercise", "article", "reason"]
DEFAULT_ASK = ("For each difference, write in the “Why?” box under that unit what in the text made you "
               "choose your code. A different reading with a reason is worth discussing, not a mistake.")


@dataclass(frozen=True)
class Unit:
    id: str
    label: str
    text: str
    context: str = ""  # the paragraph a sentence or span stands in ("" when the unit is a whole paragraph)


# The file name codes were saved under before the sheet asked for a name (kept so that old files still load).
LEGACY_CODER = "me"
NAME_PROMPT = ("Type your name or initials first, then press Enter: your codes are saved under it, and "
               "codes you saved earlier under that name come back.")


class UnitsError(ValueError):
    """The units of a sheet cannot be found in the loaded article."""


class CodingExercise(Exercise):
    kind = "coding"
    check_label = "Compare with the reference"
    check_tooltip = "Compare your codes with the reference reading"
    fields = {"units": Required(str), "paragraphs": list, "first": int, "paragraph_kind": str, "spans": list,
              "codebook": Required(list), "interpretive": Required(bool), "reference": dict, "ask": str}

    @classmethod
    def validate(cls, spec, problem, context):
        units = spec.get("units")
        if units not in UNIT_TYPES:
            problem(f'"units" must be one of {", ".join(UNIT_TYPES)}, not {units!r}.')
            return
        specific = context["written_for"] != "any"
        if "paragraphs" in spec:
            if units != "paragraphs":
                problem('"paragraphs" is only for "units": "paragraphs".')
            elif not spec["paragraphs"] or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0
                                                   for i in spec["paragraphs"]):
                problem('"paragraphs" must list block numbers (0, 1, 2 …, as article.paragraphs counts them).')
            elif not specific:
                problem('"paragraphs" numbers fit one article only: set "written_for" to that article\'s id, '
                        'or use "first": n to take the first n body paragraphs of any article.')
        if "first" in spec and (units not in ("paragraphs", "sentences") or spec["first"] < 1):
            problem('"first" (a positive number) is only for paragraphs or sentences.')
        if "paragraphs" in spec and "first" in spec:
            problem('give "paragraphs" or "first", not both.')
        if "paragraph_kind" in spec and spec["paragraph_kind"] not in ("body", "caption", "related", "all"):
            problem('"paragraph_kind" must be "body", "caption", "related" or "all".')
        unit_ids = None
        if units == "spans":
            spans = spec.get("spans")
            if not isinstance(spans, list) or not spans:
                problem('"units": "spans" needs "spans": a list of {"id", "text"} (each text copied from the article).')
            else:
                unit_ids = []
                for n, span in enumerate(spans, 1):
                    if not isinstance(span, dict) or set(span) != {"id", "text"} or not isinstance(span.get("text"), str) \
                            or not isinstance(span.get("id"), str) or not ID.match(span["id"]):
                        problem(f'span {n} must be {{"id": "short-id", "text": "…copied from the article…"}}.')
                        continue
                    if span["id"] in unit_ids:
                        problem(f"span {n}: the id {span['id']!r} is used twice.")
                    unit_ids.append(span["id"])
                if not specific:
                    problem('spans are copied from one article: set "written_for" to that article\'s id.')
        elif "spans" in spec:
            problem('"spans" is only for "units": "spans".')
        if units == "paragraphs" and "paragraphs" in spec:
            unit_ids = [f"p{i}" for i in spec["paragraphs"] if isinstance(i, int)]
        if units == "article":
            unit_ids = ["article"]
        codebook = spec.get("codebook")
        questions = {}
        if isinstance(codebook, list):
            if not codebook:
                problem('"codebook" is empty: give at least one question.')
            for n, q in enumerate(codebook, 1):
                if not isinstance(q, dict) or not set(q) <= {"id", "text", "codes", "help"} \
                        or not isinstance(q.get("id"), str) or not isinstance(q.get("text"), str) \
                        or not isinstance(q.get("codes"), list):
                    problem(f'codebook question {n} must be {{"id", "text", "codes": [...]}} (optionally "help").')
                    continue
                codes = q["codes"]
                if len(codes) < 2 or len(set(codes)) != len(codes) or not all(isinstance(c, str) and c for c in codes):
                    problem(f"codebook question {q['id']!r}: \"codes\" needs at least two different texts.")
                if q["id"] in questions or not ID.match(q["id"]):
                    problem(f"codebook question {q['id']!r}: ids must be short, lower-case and unique.")
                questions[q["id"]] = codes
        reference = spec.get("reference")
        if reference is None:
            return
        allowed = {"written_for", "coder", "codes", "rationale"}
        for field in sorted(set(reference) - allowed):
            problem(f"reference: unknown field {field!r} (allowed: {', '.join(sorted(allowed))}).")
        if "written_for" in reference:
            from .content import _check_written_for
            _check_written_for(reference["written_for"], problem, "reference \"written_for\"")
        elif not specific:
            problem('the reference codes one article: give the reference its "written_for" article id.')
        codes = reference.get("codes")
        rationale = reference.get("rationale", {})
        if not isinstance(codes, dict) or not codes:
            problem('reference: "codes" must be {unit id: {question id: code}}.')
            return
        if not isinstance(rationale, dict):
            problem('reference: "rationale" must be {unit id: {question id: reason}}.')
            return
        for unit, answers in codes.items():
            if unit_ids is not None and unit not in unit_ids:
                problem(f"reference: unit {unit!r} is not one of this sheet's units: {', '.join(unit_ids)}.")
            if units == "paragraphs" and unit_ids is None and not re.fullmatch(r"p\d+", unit):
                problem(f"reference: paragraph units are named p<block number>, e.g. p1, not {unit!r}.")
            if units == "sentences" and not re.fullmatch(r"s\d+", unit):
                problem(f"reference: sentence units are named s1, s2, …, not {unit!r}.")
            if not isinstance(answers, dict):
                problem(f"reference: unit {unit!r} must map question ids to codes.")
                continue
            for qid, code in answers.items():
                if qid not in questions:
                    problem(f"reference: unit {unit!r} codes the question {qid!r}, which the codebook does not have.")
                elif code not in questions[qid]:
                    problem(f"reference: unit {unit!r}, question {qid!r}: {code!r} is not one of {questions[qid]}.")
                reason = rationale.get(unit, {}).get(qid) if isinstance(rationale.get(unit), dict) else None
                if not isinstance(reason, str) or not reason.strip():
                    problem(f"reference: unit {unit!r}, question {qid!r} has no rationale: say why this reading "
                            "is defensible (it is what the learner sees).")
        for unit, reasons in rationale.items():
            for qid in (reasons if isinstance(reasons, dict) else {}):
                if qid not in codes.get(unit, {}):
                    problem(f"reference: the rationale for unit {unit!r}, question {qid!r} has no reference code, "
                            "so it could never be shown.")

    # ------------------------------------------------------------ setup
    def __init__(self, spec, practice):
        super().__init__(spec, practice)
        self.codes = {}  # {unit id: {question id: code}}
        self.reasons = {}  # {unit id: text}
        self.coder = ""
        self.saved_at = ""  # when the codes shown were saved
        self.current = 0
        self._updating = False
        self._loaded = False
        self._complete_recorded = False
        self._reset_armed = False

    @property
    def codebook(self) -> list:
        return self.spec["codebook"]

    @property
    def interpretive(self) -> bool:
        return bool(self.spec["interpretive"])

    def units(self) -> list:
        """The units of the sheet in the loaded article (raises UnitsError when they cannot be found)."""
        cached = getattr(self, "_units", None)
        if cached is not None and cached[0] is self.article:
            return cached[1]
        units = _find_units(self.spec, self.article)
        self._units = (self.article, units)
        return units

    def _unit(self, unit_id) -> Unit:
        units = self.units()
        index = getattr(self, "_unit_index", None)
        if index is None or index[0] is not units:
            index = self._unit_index = (units, {u.id: u for u in units})
        if unit_id in index[1]:
            return index[1][unit_id]
        raise KeyError(f"No unit {unit_id!r} in {self.id}: units are {', '.join(u.id for u in self.units())}.")

    def _question(self, qid) -> dict:
        for q in self.codebook:
            if q["id"] == qid:
                return q
        raise KeyError(f"No question {qid!r} in {self.id}: questions are {', '.join(q['id'] for q in self.codebook)}.")

    @property
    def reference(self):
        """The reference coding when it applies to the loaded article, else None."""
        reference = self.spec.get("reference")
        if not reference:
            return None
        written_for = reference.get("written_for") or self.written_for
        if written_for != "any" and written_for != self.article.id:
            return None
        return reference

    def _reference_article(self) -> str:
        reference = self.spec.get("reference") or {}
        return reference.get("written_for") or self.written_for

    # ------------------------------------------------------------ saving
    def remembered_name(self) -> str:
        """The learner's name as the progress store remembers it (or NEWSLAB_CODER), else ""."""
        try:
            name = self.practice.store.learner()
        except Exception:
            name = ""
        return name or os.environ.get("NEWSLAB_CODER", "")

    def default_coder(self) -> str:
        """The name codes are saved under when none was typed: the remembered name, else "me" (older files)."""
        return self.remembered_name() or LEGACY_CODER

    def save_path(self, coder=None) -> Path:
        coder = _slug(coder or self.coder or self.default_coder())
        return config.newslab_home() / "codings" / self.practice.name / self.id / f"{coder}.json"

    def load_saved(self) -> bool:
        """Put this coder's saved codes for this article in place of the sheet's (never writes).

        True when there were some. The coder is the name typed, else the remembered one."""
        self._loaded = True
        if not self.coder:
            self.coder = self.remembered_name()
        self.codes, self.reasons, self.saved_at = {}, {}, ""
        path = self.save_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(data, dict) or data.get("article") != self.article.id:
            return False
        valid_units = {u.id for u in self.units()}
        codes = data.get("codes") if isinstance(data.get("codes"), dict) else {}
        reasons = data.get("reasons") if isinstance(data.get("reasons"), dict) else {}
        self.codes = {u: dict(c) for u, c in codes.items() if u in valid_units and isinstance(c, dict)}
        self.reasons = {u: r for u, r in reasons.items() if u in valid_units and isinstance(r, str)}
        self.saved_at = str(data.get("saved", ""))
        self._complete_recorded = self.complete()
        return bool(self.codes)

    def save(self):
        """Write the codes to NEWSLAB_HOME; returns the path, or None with a message in the note."""
        path = self.save_path()
        data = {"set": self.practice.name, "exercise": self.id, "article": self.article.id, "coder": self.coder,
                "codes": self.codes, "reasons": self.reasons, "saved": time.strftime("%Y-%m-%d %H:%M:%S")}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".coding-", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(data, ensure_ascii=False, indent=1))
            os.replace(tmp, path)
        except OSError as error:
            self.progress_error = (f"Could not save your codes in {path.parent} ({error.strerror or error}): "
                                   f"set NEWSLAB_HOME to a folder you can write to.")
            if self._widget is not None:
                self.note_box.value = feedback_html("notice", self.progress_error)
            return None
        if self._widget is not None and self.applies:
            self.save_status.value = f'<span class="newslab-saved">Saved ✓ {time.strftime("%H:%M:%S")}</span>'
        self._remember_name()
        return path

    def _remember_name(self) -> None:
        """Keep the name codes were saved under in the progress store, so the next sheet asks no more."""
        if not self.coder or self.coder == self.remembered_name():
            return
        try:
            self.practice.store.set_learner(self.coder)
        except Exception:  # the codes are saved; only the name is not remembered
            pass

    def _save_learner(self) -> dict:
        return {"learner": self.coder} if self.coder else {}

    # ------------------------------------------------------------ coding
    def code(self, unit_id, question_id, code, save=True) -> None:
        """Give a unit a code on one question (None removes it)."""
        self._ensure_loaded()
        if not self.coder:  # from code, with no name typed: the remembered name, else "me" as before
            self.coder = self.default_coder()
        unit = self._unit(unit_id)
        question = self._question(question_id)
        if code is not None and code not in question["codes"]:
            raise ValueError(f"{code!r} is not a code of {question_id!r}: use one of {question['codes']}.")
        if code is None:
            self.codes.get(unit.id, {}).pop(question_id, None)
        else:
            self.codes.setdefault(unit.id, {})[question_id] = code
        if self._widget is not None and self.units()[self.current].id == unit.id:
            self._show_unit(self.current)
        self._update_count()
        if save:
            self.save()
        self._maybe_complete()

    def set_reason(self, unit_id, text: str, save=True) -> None:
        self._ensure_loaded()
        self.reasons[self._unit(unit_id).id] = text
        if save:
            self.save()

    def _ensure_loaded(self):
        if not self._loaded:
            self.load_saved()

    def complete(self) -> bool:
        """True when every unit has a code on every question."""
        if len(self.codes) < len(self.units()):
            return False
        return all(len(self.codes.get(u.id, {})) == len(self.codebook) for u in self.units())

    def _maybe_complete(self):
        if not self._complete_recorded and self.complete():
            self._complete_recorded = True
            self._record("complete", "done", "coded-all")

    # ------------------------------------------------------------ widgets
    def _build(self):
        try:
            self.units()
        except UnitsError as error:
            self._units_error = str(error)
        else:
            self._units_error = None
        super()._build()

    @property
    def applies(self) -> bool:
        # A sheet written for any article applies when its units can be found.
        if not super().applies:
            return False
        return getattr(self, "_units_error", None) is None

    def not_for_this_article(self) -> str:
        if getattr(self, "_units_error", None):
            return self._units_error
        return super().not_for_this_article()

    def _build_controls(self):
        import ipywidgets as w
        self._ensure_loaded()
        if not self.coder:  # no name yet: nothing is shown (or saved) until one is typed
            self.codes, self.reasons, self.saved_at = {}, {}, ""
        units = self.units()
        self.coder_input = w.Text(value=self.coder, description="Your name or initials", continuous_update=False,
                                  placeholder="type your name, then press Enter",
                                  style={"description_width": "initial"}, layout=w.Layout(width="26em"))
        self.name_note = w.HTML("")
        self.name_note.add_class("newslab-name-note")
        self.coder_input.add_class("newslab-coder")
        self.coder_input.observe(self._on_coder, names="value")
        self.previous_button = w.Button(description="◀ Previous unit", tooltip="Go to the previous unit",
                                        layout=w.Layout(width="auto"))
        self.next_button = w.Button(description="Next unit ▶", tooltip="Go to the next unit",
                                    layout=w.Layout(width="auto"))
        self.unit_picker = w.Dropdown(options=[(u.label, i) for i, u in enumerate(units)], value=0,
                                      description="Unit", layout=w.Layout(width="auto"))
        self.previous_button.on_click(lambda _: self.go(self.current - 1))
        self.next_button.on_click(lambda _: self.go(self.current + 1))
        self.unit_picker.observe(lambda change: self.go(change["new"]), names="value")
        self.count_label = w.HTML("")
        self.unit_text = w.HTML("")
        self.unit_text.add_class("newslab-unit-text")
        self.radios = {}
        rows = []
        for n, q in enumerate(self.codebook, 1):
            help_ = f" <span style='color:#333'>({html.escape(q['help'])})</span>" if q.get("help") else ""
            label = w.HTML(f"<strong>Q{n}. {html.escape(q['text'])}</strong>{help_}")
            radio = w.RadioButtons(options=q["codes"], value=None, tooltip=q["text"], layout=w.Layout(width="auto"))
            radio.add_class(f"newslab-q-{q['id']}")
            radio.observe(lambda change, qid=q["id"]: self._on_code(qid, change["new"]), names="value")
            self.radios[q["id"]] = radio
            rows += [label, radio]
        self.reason_input = w.Textarea(value="", description="Why?", placeholder="What in the text made you choose these codes?",
                                       continuous_update=False, layout=w.Layout(width="95%", height="4em"))
        self.reason_input.observe(self._on_reason, names="value")
        self.save_status = w.HTML("")
        self.classmate_input = w.Text(value="", description="Classmate's CSV file", placeholder="e.g. coding-ana.csv",
                                      style={"description_width": "initial"}, layout=w.Layout(width="28em"))
        self.classmate_button = w.Button(description="Compare with classmate", tooltip="Compare with the CSV file named on the left",
                                         layout=w.Layout(width="auto"))
        self.classmate_button.on_click(lambda _: self.compare_with(self.classmate_input.value))
        self.export_button = w.Button(description="Export CSV", tooltip="Write your codes to a CSV file you can download",
                                      layout=w.Layout(width="auto"))
        self.export_button.on_click(lambda _: self._on_export())
        self.export_link = w.HTML("")
        self._show_unit(0)
        nav = w.HBox([self.previous_button, self.unit_picker, self.next_button, self.count_label],
                     layout=w.Layout(flex_flow="row wrap", align_items="center"))
        share = w.HBox([self.export_button, self.export_link, self.classmate_input, self.classmate_button],
                       layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self._show_name_state()
        return [self.coder_input, self.name_note, nav, self.unit_text, *rows, self.reason_input, self.save_status,
                share]

    def _buttons(self):
        return [self.check_button, self.hint_button, self.solution_button, self.reset_button]

    def _show_unit(self, index):
        units = self.units()
        index = max(0, min(index, len(units) - 1))
        self.current = index
        unit = units[index]
        self._updating = True
        try:
            self.unit_picker.value = index
            for qid, radio in self.radios.items():
                radio.value = self.codes.get(unit.id, {}).get(qid)
            self.reason_input.value = self.reasons.get(unit.id, "")
        finally:
            self._updating = False
        shown, where = unit_in_context(unit)
        self.unit_text.value = (f'<div style="margin:4px 0"><strong>{html.escape(unit.label)}</strong> '
                                f'<span style="color:#333">({index + 1} of {len(units)}){where}</span></div>'
                                f'<blockquote style="border-left:4px solid {config.PALETTE["blue"]};margin:4px 0;'
                                f'padding:2px 10px;max-height:16em;overflow:auto;white-space:pre-wrap;line-height:1.45">'
                                f'{shown}</blockquote>')
        self.previous_button.disabled = index == 0
        self.next_button.disabled = index == len(units) - 1
        self._update_count()

    def go(self, index) -> None:
        """Show another unit (by its position)."""
        self.widget()
        if self.applies and not self._updating:
            self._show_unit(index)

    def _update_count(self):
        if self._widget is None and not hasattr(self, "count_label"):
            return
        units = self.units()
        done = sum(1 for codes in self.codes.values() if len(codes) == len(self.codebook))
        self.count_label.value = f"<span>{done} of {len(units)} units coded</span>"

    def _on_code(self, qid, code):
        if self._updating:
            return
        unit = self.units()[self.current]
        self.code(unit.id, qid, code)

    def _on_reason(self, change):
        if self._updating:
            return
        self.set_reason(self.units()[self.current].id, change["new"])

    def _on_coder(self, change):
        """A name typed: load that name's saved codes (or none). Never writes: the first changed code does."""
        name = change["new"].strip()
        self.coder = name
        if name:
            self.load_saved()
        else:
            self.codes, self.reasons, self.saved_at = {}, {}, ""
        self._complete_recorded = self.complete() if name else False
        self._show_unit(self.current)
        self._show_name_state(typed=True)

    def _show_name_state(self, typed=False) -> None:
        """The controls open only with a name; say whose codes are shown."""
        named = bool(self.coder)
        for radio in self.radios.values():
            radio.disabled = not named
        self.reason_input.disabled = not named
        if not named:
            self.name_note.value = feedback_html("info", NAME_PROMPT + self._legacy_note())
            return
        coded = sum(1 for codes in self.codes.values() if codes)
        who = html.escape(self.coder)
        if coded:
            when = saved_when_text(self.saved_at)
            self.name_note.value = (f'<div class="newslab-name-loaded">Showing the codes saved under <strong>{who}</strong>'
                                    f'{when}: {coded} of {len(self.units())} units have a code.</div>')
        elif typed:
            self.name_note.value = (f'<div class="newslab-name-loaded">No codes saved under <strong>{who}</strong> yet: '
                                    "your first code saves this sheet under that name.</div>")
        else:
            self.name_note.value = ""

    def _legacy_note(self) -> str:
        """Codes an earlier version saved under "me" (its pre-filled name), if there are any."""
        try:
            data = json.loads(self.save_path(LEGACY_CODER).read_text(encoding="utf-8"))
            coded = sum(1 for c in data.get("codes", {}).values() if c) if data.get("article") == self.article.id else 0
        except (OSError, ValueError, AttributeError):
            coded = 0
        if not coded:
            return ""
        return (f" Codes for {coded} unit(s) were saved under the name “{LEGACY_CODER}” by an earlier version of "
                f"this sheet: type {LEGACY_CODER} to see them.")

    def _restore(self):
        super()._restore()
        coded = sum(1 for codes in self.codes.values() if codes)
        if coded and self.coder:
            from .base import restored_html
            self.restored_box.value = restored_html(
                _iso(self.saved_at) or (self.restored or {}).get("saved", ""),
                f"{coded} of {len(self.units())} units coded under “{self.coder}”.")

    def _on_export(self):
        try:
            path = self.export_csv()
        except OSError as error:
            self.note_box.value = feedback_html("notice", f"Could not write the CSV file: {error}")
            return
        self.export_link.value = (f'<a href="{html.escape(path.name)}" download="{html.escape(path.name)}" '
                                  f'target="_blank">{html.escape(path.name)}</a> (in the notebook\'s folder)')

    # ------------------------------------------------------------ export and compare
    def rows(self) -> list:
        """One dict per coded unit and question (the CSV rows)."""
        order = {u.id: i for i, u in enumerate(self.units())}
        rows = []
        for unit in sorted(self.codes, key=lambda u: order.get(u, 0)):
            for q in self.codebook:
                code = self.codes[unit].get(q["id"])
                if code is not None:
                    rows.append({"coder": self.coder or self.default_coder(), "unit": unit, "question": q["id"],
                                 "code": code, "set": self.practice.name, "exercise": self.id,
                                 "article": self.article.id, "reason": self.reasons.get(unit, "")})
        return rows

    def export_csv(self, folder=None) -> Path:
        """Write the codes as CSV (one row per coder, unit, question, code) into a folder (default: here)."""
        self._ensure_loaded()
        folder = Path(folder) if folder else Path.cwd()
        path = folder / f"coding-{_slug(self.practice.name)}-{_slug(self.id)}-{_slug(self.coder or self.default_coder())}.csv"
        write_codings_csv(path, self.rows())
        return path

    def compare_with_reference(self) -> Feedback:
        """Compare with the reference reading (the Check button)."""
        self._ensure_loaded()
        self.widget()
        return self.submit()

    def compare_with(self, path) -> Feedback:
        """Compare with a classmate's CSV file (exported by this sheet)."""
        self._ensure_loaded()
        self.widget()
        return self.submit(lambda: self._compare_file(path))

    def _grade(self) -> Feedback:
        reference = self.reference
        if reference is None:
            if self.spec.get("reference"):
                from .content import describe_article_id
                text = (f"The reference reading is written for {describe_article_id(self._reference_article())}. "
                        "On this article, compare with a classmate instead: each of you exports a CSV file.")
            else:
                text = "This sheet has no reference reading: compare with a classmate instead."
            return Feedback("no-reference", "info", text)
        if not self.codes:
            return Feedback("empty", "info", "Code at least one unit first, then compare.")
        other = {unit: dict(codes) for unit, codes in reference["codes"].items()}
        return self._compare("reference", other, reference.get("rationale", {}))

    def _compare_file(self, path) -> Feedback:
        path = Path(str(path).strip()).expanduser() if str(path).strip() else None
        if path is None:
            return Feedback("no-file", "info", "Type the name of your classmate's CSV file first.")
        from ..reading import ReadError
        try:
            codings = read_codings_csv(path, exercise=self.id, article=self.article.id)
        except ReadError as error:
            if error.reason == "missing" and str(error).startswith("No file at"):
                return Feedback("no-file", "info", f"There is no file {path} (looked in {Path.cwd()}): upload it "
                                "into this folder with JupyterLab's file browser, then type its name.")
            return Feedback("no-file", "info", str(error))
        except ValueError as error:
            return Feedback("no-file", "info", str(error))
        me = self.coder or self.default_coder()
        others = {c: v for c, v in codings.items() if c != me}
        if not others:
            return Feedback("no-file", "info", f"{path.name} has no codes for this exercise and article by anyone but you.")
        if not self.codes:
            return Feedback("empty", "info", "Code at least one unit first, then compare.")
        classmate, codes = sorted(others.items())[0]
        return self._compare(classmate, codes, {}, classmate=True)

    def _compare(self, who, other: dict, rationale: dict, classmate=False) -> Feedback:
        """Compare over the units the learner coded: counts and reasons against the reference; with a
        classmate, the differences and, from agreement.MIN_UNITS units up, kappa and alpha per question."""
        from .. import agreement as measures
        units = self.units()
        names = {u.id: u.label for u in units}
        questions = {q["id"]: q["text"] for q in self.codebook}
        known = {u.id for u in units}
        theirs = {unit: answers for unit, answers in other.items() if unit in known}
        counts = measures.reference_comparison(self.codes, theirs, list(questions), rationale)
        if counts["compared"] == 0:
            return Feedback("empty", "info", "None of the units you coded has a code to compare with yet.")
        disagreements, entries = [], []
        order = {u.id: n for n, u in enumerate(units)}
        for row in sorted(counts["rows"], key=lambda r: (order[r["unit"]], list(questions).index(r["question"]))):
            line = (f"- **{names[row['unit']]}**, *{questions[row['question']]}* You: **{row['mine']}** · "
                    f"{'your classmate' if classmate else 'the reference'}: **{row['reference']}**.")
            if row["reason"]:
                line += f" The reference's reason: {self.fill(row['reason'])}"
                entries.append(f"rationale:{row['unit']}:{row['question']}")
            disagreements.append(line)
        whom = f"{who}'s codes" if classmate else "the reference reading"
        compared = counts["compared"]
        parts = [f"Compared over the {counts['coded_units']} of {len(units)} units you have coded (the others are "
                 "left out until you code them)."]
        if disagreements:
            parts.append(f"You and {whom} differ on {len(disagreements)} of {compared} codes "
                         f"({compared - len(disagreements)} the same):")
            parts.append("\n".join(disagreements))
            if self.interpretive or classmate:
                parts.append(self.text("ask") or DEFAULT_ASK)
        else:
            parts.append(f"You and {whom} agree on all {compared} codes you compared.")
        parts.append(_counts_markdown(counts, questions, classmate))
        details = {"comparison": counts, "disagreements": len(disagreements), "compared": compared}
        if classmate:
            me = self.coder or self.default_coder()
            coded = {unit: answers for unit, answers in self.codes.items() if unit in theirs}
            reports = measures.per_question({me: coded, who: theirs}, questions, interval=False)
            parts.append(_reliability_markdown(reports))
            details["reliability"] = {q: r.as_dict() for q, r in reports.items()}
        else:
            parts.append(f"This is {measures.REFERENCE_WORDING}: the reference is one reading, not an independent "
                         "coder, so no kappa or alpha is computed against it (lesson 10).")
        key = "differ" if disagreements else "agree"
        if classmate:
            key = f"classmate-{key}"
        if self.interpretive or classmate:
            status = "compare"
        else:
            uncoded = counts["coded_units"] < len([u for u in theirs if theirs[u]])
            status = "wrong" if disagreements else ("right" if not uncoded else "partial")
        return Feedback(key, status, "\n\n".join(parts), entries, details)

    def _is_complete(self, feedback) -> bool:
        return False  # a sheet is complete when every unit is coded (see _maybe_complete)

    def _after_attempt(self, feedback):
        complete = not self._complete_recorded and self.complete()
        self._complete_recorded = self._complete_recorded or complete
        self._record("attempt", "done" if feedback.right is None else ("right" if feedback.right else "wrong"),
                     feedback.key, complete=complete)

    # ------------------------------------------------------------ the rest of the exercise API
    def reset(self) -> None:
        """Erase this coder's codes and reasons (and the saved file), the feedback, hints and solution."""
        self._ensure_loaded()
        self.codes, self.reasons = {}, {}
        self._complete_recorded = False
        self._reset_armed = False
        super().reset()
        if self.applies and (self.coder or self._widget is None):
            self.save()

    def _on_reset_click(self):
        # Erasing a whole coding sheet takes two presses.
        if not self._reset_armed:
            self._reset_armed = True
            self.reset_button.description = "Press again to erase all your codes"
            return
        self.reset()

    def _clear_controls(self):
        self._show_unit(0)
        self.save_status.value = ""
        self.export_link.value = ""
        self.reset_button.description = "Reset"

    def feedback_entries(self) -> dict:
        reference = self.spec.get("reference") or {}
        entries = {}
        for unit, reasons in reference.get("rationale", {}).items():
            for qid, text in reasons.items():
                entries[f"rationale:{unit}:{qid}"] = self.fill(text)
        return entries

    def solution_markdown(self) -> str:
        reference = self.reference
        text = self.text("solution")
        if reference is None:
            return text
        return f"{text}\n\n{self._reference_table(reference)}"

    def _reference_table(self, reference) -> str:
        try:
            names = {u.id: u.label for u in self.units()}
        except UnitsError:
            names = {}
        lines = ["| unit | question | reference code | rationale |", "|---|---|---|---|"]
        for unit, answers in reference["codes"].items():
            for qid, code in answers.items():
                reason = self.fill(reference.get("rationale", {}).get(unit, {}).get(qid, ""))
                lines.append(f"| {names.get(unit, unit)} | {qid} | {code} | {_cell(reason)} |")
        return "\n".join(lines)

    def key_markdown(self) -> str:
        book = "\n".join(f"- **{q['id']}**: {q['text']} Codes: {', '.join(q['codes'])}." for q in self.codebook)
        what = "interpretive: the reference is one defensible reading, never marked right or wrong" \
            if self.interpretive else "graded against the reference"
        lines = [f"Coding sheet on {self.spec['units']} ({what}).", "", "Codebook:", "", book]
        reference = self.spec.get("reference")
        if reference:
            lines += ["", f"Reference reading for {self._reference_article()}:", "", self._reference_table(reference)]
        return "\n".join(lines)


# ---------------------------------------------------------------- units

def _find_units(spec, article) -> list:
    kind = spec["units"]
    if kind == "article":
        return [Unit("article", "The whole article (body paragraphs)", article.body_text)]
    if kind == "paragraphs":
        which = spec.get("paragraph_kind", "body")
        if "paragraphs" in spec:
            wanted = spec["paragraphs"]
            missing = [i for i in wanted if i >= len(article.paragraphs)]
            if missing:
                raise UnitsError(f"This sheet codes paragraphs {wanted}, but {article.id} has only "
                                 f"{len(article.paragraphs)} blocks (0 to {len(article.paragraphs) - 1}).")
            chosen = [article.paragraphs[i] for i in wanted]
        else:
            chosen = [p for p in article.paragraphs if which == "all" or p.kind == which]
            if "first" in spec:
                chosen = chosen[: spec["first"]]
        if not chosen:
            raise UnitsError(f"{article.id} has no {which} paragraphs to code.")
        # The label is the block's number only: its kind may be the very thing the sheet asks for.
        noun = "Block" if which == "all" or "paragraphs" in spec else "Paragraph"
        return [Unit(f"p{p.index}", f"{noun} {p.index}", p.text) for p in chosen]
    if kind == "sentences":
        import nltk
        try:
            sentences = [(s, p.text) for p in article.body for s in nltk.sent_tokenize(p.text)]
        except LookupError:
            raise UnitsError("Splitting the article into sentences needs NLTK's punkt_tab data: "
                             "run `python -m newslab setup` (or nltk.download('punkt_tab')) and run this cell again.") from None
        if "first" in spec:
            sentences = sentences[: spec["first"]]
        return [Unit(f"s{i}", f"Sentence {i}", s, context) for i, (s, context) in enumerate(sentences, 1)]
    from ..normalise import straighten
    units = []
    for span in spec["spans"]:
        text = span["text"]
        if text not in article.text and straighten(text) not in straighten(article.text):
            raise UnitsError(f"The span {span['id']!r} (“{text[:50]}…”) is not in the loaded article {article.id}.")
        context = next((p.text for p in article.paragraphs if text in p.text or straighten(text) in straighten(p.text)), "")
        units.append(Unit(span["id"], f"Span {span['id']}", text, context))
    return units


# ---------------------------------------------------------------- comparison reports (figures from newslab.agreement)

def _counts_markdown(counts: dict, question_texts: dict, classmate: bool) -> str:
    """Same and different codes per question, as a small Markdown table."""
    whom = "your classmate" if classmate else "the reference"
    lines = [f"| question | codes compared | same as {whom} | different |", "|---|---|---|---|"]
    for qid, c in counts["questions"].items():
        if c["compared"]:
            lines.append(f"| {question_texts.get(qid, qid)} | {c['compared']} | {c['same']} | {c['different']} |")
    return "\n".join(lines)


def _reliability_markdown(reports: dict) -> str:
    """Kappa and alpha per question between two independent coders, or why they are not reported."""
    from .. import agreement as measures
    lines = ["Between two coders who worked independently, agreement beyond chance (per question):", "",
             "| question | units | Cohen's κ | Krippendorff's α |", "|---|---|---|---|"]
    notes = []
    for report in reports.values():
        kappa = f"{report.kappa:.2f}" if report.kappa is not None else "–"
        alpha = f"{report.alpha:.2f}" if report.alpha is not None else "–"
        lines.append(f"| {report.label} | {report.units} | {kappa} | {alpha} |")
        if report.alpha is None and report.units >= measures.MIN_UNITS and report.alpha_note:
            notes.append(f"{report.label}: {report.alpha_note}.")
        notes.extend(f"{report.label}: {n}" for n in report.notes)
    short = [r.label for r in reports.values() if r.units < measures.MIN_UNITS]
    if short:
        notes.append(f"Not reported for {', '.join(short)}: fewer than {measures.MIN_UNITS} units coded by both "
                     "of you; with a handful of units one changed code moves kappa and alpha a lot.")
    return "\n".join(lines) + ("\n\n" + " ".join(notes) if notes else "")


# ---------------------------------------------------------------- CSV

def write_codings_csv(path, rows) -> Path:
    """Write codings as CSV; a cell a spreadsheet would run as a formula (=, +, -, @ …) gets a leading quote
    (spreadsheet.safe_cell), which read_codings_csv takes off again."""
    from ..spreadsheet import write_csv
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as f:
        write_csv(f, CSV_FIELDS, rows)
    return path


def read_codings_csv(path, exercise=None, article=None) -> dict:
    """{coder: {unit: {question: code}}} from a codings CSV, optionally only one exercise and article.

    The file is read through the guarded reader (regular files only, at most config.MAX_CSV_BYTES); any problem
    is a ReadError (a ValueError) in one line."""
    from ..reading import read_user_bytes
    from ..spreadsheet import read_csv_text
    path = Path(path)
    columns, rows = read_csv_text(read_user_bytes(path, config.MAX_CSV_BYTES, "coding file"), path.name)
    missing = {"coder", "unit", "question", "code"} - set(columns)
    if missing:
        raise ValueError(f"{path.name} is not a codings CSV: it lacks the column(s) {', '.join(sorted(missing))}.")
    codings = {}
    for row in rows:
        if exercise and row.get("exercise") and row["exercise"] != exercise:
            continue
        if article and row.get("article") and row["article"] != article:
            continue
        codings.setdefault(row["coder"], {}).setdefault(row["unit"], {})[row["question"]] = row["code"]
    return codings


MARK_STYLE = "background:#fff3b0;color:#000;padding:0 1px;border-bottom:2px solid #000"


def unit_in_context(unit: Unit) -> tuple:
    """(HTML, note): the unit inside its paragraph, the unit itself in <mark>; escaped.

    A unit that is a whole paragraph (or that cannot be found in its paragraph) is shown alone."""
    context = unit.context
    start = context.find(unit.text) if context else -1
    if start < 0 and context:
        from ..normalise import straighten
        straight = straighten(context)
        start = straight.find(straighten(unit.text))
        if start >= 0 and len(straight) != len(context):
            start = -1  # straightening changed the length: positions would not match the text shown
    if start < 0:
        return html.escape(unit.text), ""
    end = start + len(unit.text)
    shown = (html.escape(context[:start]) + f'<mark class="newslab-unit-mark" style="{MARK_STYLE}">'
             + html.escape(context[start:end]) + "</mark>" + html.escape(context[end:]))
    return shown, " · the unit is highlighted in its paragraph"


def _iso(stamp: str) -> str:
    """A coding file's local "YYYY-MM-DD HH:MM:SS" as an ISO time with the local offset ("" if unreadable)."""
    from datetime import datetime
    try:
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").astimezone().isoformat()
    except (TypeError, ValueError):
        return ""


def saved_when_text(stamp: str) -> str:
    from .base import saved_when
    when = saved_when(_iso(stamp))
    return f" (saved {when})" if when else ""


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-")[:60] or "coder"


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())


__all__ = ["CodingExercise", "Unit", "UnitsError", "read_codings_csv",
           "write_codings_csv"]
