"""The review screen's changes that ask something first: edit a field (or a row, a table's columns, an attachment as a form), accept a flag, learn a name, add, delete, move a section, verify.

A mixin of ReviewScreen (screens/review.py): it uses the screen's session, selection and `_do`.
Nothing here parses a field path by hand (tui/fields.py reads their shapes) or touches the
roster or the file system (workbench.review.desk does).
"""
from __future__ import annotations

from rich.markup import escape

from workbench.errors import UserError
from workbench.i18n.labels import field_label
from workbench.review import FlagKind, desk
from workbench.tui import fields, present, text as T
from workbench.tui.screens.dialogs import ConfirmScreen, PromptScreen
from workbench.tui.screens.editor import EditScreen, shown_for
from workbench.tui.screens.form import ChoiceScreen, FormScreen
from workbench.visible import visible

_ACCESS_WORDS = {"åben": "open", "aaben": "open", "open": "open", "lukket": "closed", "closed": "closed"}
_ADDS = ("items", "attachments", "members", "absent", "people", "decisions", "signatures")


class Operations:
    def action_edit(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        if self.session is not None and node is not None and fields.is_table(node.field):
            self._columns_form(node.field)
            return
        if self.session is None or node is None or not node.leaf:
            self.app.notify(T.SELECT_LEAF, timeout=3)
            return
        if fields.is_row(node.field):
            self._row_form(node.field)
            return
        if fields.attachment_of(node.field):
            self._attachment_form(fields.attachment_of(node.field))
            return
        try:
            value = self.session.get(node.field)
        except Exception:
            value = None
        text = shown_for(node.field, value)  # as the field's type shows it: 29.01.2025, 9.00, lukket in Danish
        field = node.field

        def done(result: str | None) -> None:
            if result is None or result == text:
                return
            self._do(self.session.edit, field, result)

        self.app.push_screen(EditScreen(field, text, node.kind, self.app.roster, title=node.label), done)

    def _section_choices(self) -> list[tuple[str, str]]:
        """The configured section headings by name (their key after it), in config order."""
        return [(key, f"{heads[0].rstrip(' *')}  ({key})" if heads else key)
                for key, heads in self.app.config.section_headings.items()]

    def _try(self, op, *args) -> str | None:
        """Make one change for a form; the reason it was refused, or None once it is made."""
        try:
            op(*args)
        except UserError as exc:
            return str(exc)
        self.refresh_all()
        return None

    def _row_form(self, field: str, new: bool = False) -> None:
        """A table row as cells: one field per column."""
        table = self.session.get(fields.table_of(field))
        columns = list(table.get("columns") or []) if isinstance(table, dict) else list(table.columns)
        rows = table.get("rows") if isinstance(table, dict) else table.rows
        width = len(columns) or max((len(r) for r in rows), default=2)
        cells = [""] * width if new else [str(c) for c in self.session.get(field)]
        cells += [""] * (width - len(cells))
        labels = columns or [T.COLUMN.format(n=k + 1) for k in range(width)]
        form = [(str(k), labels[k] or T.COLUMN.format(n=k + 1), cells[k]) for k in range(width)]

        def apply(values: dict) -> str | None:
            row = [values[str(k)].strip() for k in range(width)]
            if new:
                return self._try(self.session.add, field, row)
            return None if row == cells else self._try(self.session.edit, field, row)

        self.app.push_screen(FormScreen(T.NEW_ROW if new else T.ROW_OF.format(field=field_label(field)), form, apply))

    def _columns_form(self, field: str) -> None:
        """A table's columns: rename one, empty its name to remove it (with its cells in every row), or
        name a new one in the last field (an empty cell is added to every row)."""
        table = self.session.get(field)
        columns, rows = list(table.get("columns") or []), [list(r) for r in table.get("rows") or []]
        header = bool(columns)
        width = len(columns) or max((len(r) for r in rows), default=0)
        names = columns if header else [f"({k + 1})" for k in range(width)]
        form = [(str(k), T.COLUMN.format(n=k + 1), names[k]) for k in range(width)]
        form.append(("new", T.NEW_COLUMN, ""))

        def apply(values: dict) -> str | None:
            keep = [k for k in range(width) if values[str(k)].strip()]
            added = values["new"].strip()
            if not keep and not added:
                return T.NEEDS_A_COLUMN
            new_rows = [[(row[k] if k < len(row) else "") for k in keep] + ([""] if added else []) for row in rows]
            new_columns = ([values[str(k)].strip() for k in keep] + ([added] if added else [])) if header else []
            if new_columns == columns and new_rows == rows:
                return None
            return self._try(self.session.edit, field, {"columns": new_columns, "rows": new_rows})

        self.app.push_screen(FormScreen(T.COLUMNS_OF.format(field=field_label(field)), form, apply))

    def _attachment_form(self, field: str, new: bool = False) -> None:
        """An attachment's number, access (åben/lukket), title and document number."""
        old = {} if new else (self.session.get(field) or {})
        form = [("number", T.ATTACHMENT_NUMBER, str(old.get("number") or "")),
                ("access", T.ATTACHMENT_ACCESS, {"open": "åben", "closed": "lukket"}.get(old.get("access"), "")),
                ("title", T.ATTACHMENT_TITLE, old.get("title") or ""), ("ref", T.ATTACHMENT_REF, old.get("ref") or "")]

        def apply(values: dict) -> str | None:
            number = values["number"].strip()
            if number and not number.isdigit():
                return T.NUMBER_NOT_WHOLE.format(number=number)
            access = _ACCESS_WORDS.get(values["access"].strip().casefold(), values["access"].strip())
            if access and access not in ("open", "closed"):
                return T.ACCESS_WORDS.format(access=values["access"])
            obj = {"number": int(number) if number else None, "access": access or None,
                   "title": values["title"].strip() or None, "ref": values["ref"].strip() or None}
            if new:
                return self._try(self.session.add, field, {k: v for k, v in obj.items() if v is not None})
            changed = {k: v for k, v in obj.items() if v != old.get(k)}
            return None if not changed else self._try(self.session.edit, field, changed)

        self.app.push_screen(FormScreen(T.NEW_ATTACHMENT if new else T.ATTACHMENT_OF.format(field=field_label(field)), form, apply))

    def action_accept_flag(self) -> None:
        flag = self._selected_flag()
        if flag is None:
            self.app.notify(T.NO_FLAG_HERE, timeout=3)
            return
        if flag.severity == "error":  # the record is wrong as it stands unless she says why it is not
            if self._refuse_read_only():
                return

            def because(reason: str | None) -> None:
                if reason and self._do(self.session.resolve, flag.id, "accepted", reason) is not None:
                    self.app.notify(T.ACCEPTED_BECAUSE.format(kind=flag.kind, reason=reason), timeout=3)
                    self.current_flag = None

            self.app.push_screen(PromptScreen(T.WHY_RIGHT.format(kind=flag.kind)), because)
            return
        if self._do(self.session.resolve, flag.id, "accepted") is not None:
            self.app.notify(T.ACCEPTED.format(kind=flag.kind), timeout=2)
            self.current_flag = None

    def action_learn_name(self) -> None:
        """r on a name_unknown flag: learn the name, as another name of a roster person (ranked, her
        choice) or as a new person with a title. Nothing is bound without asking; ctrl+z takes it back."""
        flag = self._selected_flag()
        if flag is None or flag.kind != FlagKind.NAME_UNKNOWN or self.session is None:
            self.app.notify(T.LEARN_ONLY_HERE, timeout=3)
            return
        if self._refuse_read_only():
            return
        name = flag.excerpt
        path = desk.roster_file(self.app.config)
        choices = [(f"alias\x1f{c.person}", T.ANOTHER_NAME_TITLED.format(person=c.person, titles=", ".join(c.titles[:2]))
                    if c.titles else T.ANOTHER_NAME.format(person=c.person))
                   for c in desk.name_candidates(self.app.roster, name)]
        choices.append(("person", T.NEW_PERSON.format(name=name)))

        def learn(learned: dict) -> None:
            if self._do(self.session.learn_name, flag.id, learned, path) is not None:
                self.app.roster = self.session.roster
                self.app.notify(T.LEARNED.format(name=learned["name"]), timeout=4)

        def chosen(choice: str | None) -> None:
            if not choice:
                return
            if choice.startswith("alias\x1f"):
                learn(desk.as_alias(name, choice.split("\x1f", 1)[1]))
                return
            self.app.push_screen(PromptScreen(T.TITLE_OF.format(name=name)),
                                 lambda title: None if title is None else learn(desk.as_person(name, title)))

        self.app.push_screen(ChoiceScreen(T.LEARN_AS.format(name=name), choices), chosen)

    def action_add(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        if node is None or self.session is None:
            return
        field, group = fields.add_target(node.field, node.leaf)
        item = fields.in_sections(field) if not node.leaf else (fields.section_of(node.field) or (None,))[0]
        if item is not None:
            def add_section(key: str | None) -> None:
                if key:
                    self._do(self.session.add_section, item, key)

            self.app.push_screen(ChoiceScreen(T.ADD_WHICH_SECTION, self._section_choices()), add_section)
            return
        table = fields.table_of(node.field)
        if table:
            self._row_form(table + ".rows", new=True)
            return
        if group == "attachments" or fields.is_item(node.field):
            self._attachment_form(field if group == "attachments" else node.field + ".attachments", new=True)
            return
        if group not in _ADDS:
            self.app.notify(T.NOTHING_TO_ADD, timeout=4)
            return
        question = {"items": T.NEW_ITEM_TITLE, "attachments": T.NEW_ATTACHMENT_TITLE,
                    "decisions": T.NEW_DECISION_TEXT}.get(group, T.NEW_PERSON_NAME)

        def add(value: str | None) -> None:
            if not value:
                return
            if group in ("items", "attachments"):
                obj = {"title": value}
            elif group == "decisions":
                obj = {"text": value}
            else:
                obj = desk.person_value(value, self.app.roster)
            self._do(self.session.add, field, obj)

        self.app.push_screen(PromptScreen(question), add)

    def action_delete(self) -> None:
        node = self._node()
        if node is None or self.session is None:
            return
        field = fields.element_of(node.field)
        what = present.describe(self.session.get(field))

        def confirmed(yes: bool | None) -> None:
            if yes and self._do(self.session.delete, field) is not None:
                self.app.notify(T.DELETED.format(field=field_label(field)), timeout=4)

        self.app.push_screen(ConfirmScreen(T.DELETE_WHAT.format(what=escape(visible(what)), field=field_label(field))), confirmed)

    def action_move_section(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        section = fields.section_of(node.field) if node is not None else None
        if section is None:
            self.app.notify(T.MOVE_SELECT, timeout=3)
            return
        item, key = section

        def move(new_key: str | None) -> None:
            if new_key:
                self._do(self.session.move_section, item, key, new_key)
                self.field = f"items[{item}].sections.{new_key}"

        choices = [(k, label) for k, label in self._section_choices() if k != key]
        self.app.push_screen(ChoiceScreen(T.MOVE_UNDER.format(key=key), choices), move)

    def action_verify(self) -> None:
        s = self.session
        if s is None:
            return
        if s.record.review.status == "verified":
            def back(reason: str | None) -> None:
                if reason:
                    self._do(s.unverify, reason)

            self.app.push_screen(PromptScreen(T.WHY_DRAFT), back)
            return

        def verify(name: str | None) -> None:
            if not name:
                return
            self.app.reviewer = name
            if self._do(s.verify, name) is not None or s.record.review.status == "verified":
                self.app.notify(T.VERIFIED_BY.format(name=name), timeout=4)
                self.app.verified(self)  # over an inbox: the next referat
        if self.app.reviewer:
            verify(self.app.reviewer)
        elif s.open_flags():
            self._do(s.verify, None)  # refused with the reason, before asking anything
        else:
            self.app.push_screen(PromptScreen(T.WHO_VERIFIES), verify)
