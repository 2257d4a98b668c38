"""Demo contact persons with their phones, e-mails, characteristics and interests."""

from __future__ import annotations

from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase


class PersonMaker(GeneratorBase):
    def make_people(self) -> None:
        r = self.rng.random
        person_cols = (
            "id",
            "client_id",
            "last_name",
            "first_name",
            "middle_name",
            "position",
            "department",
            "started_on",
            "profile",
            "note",
            "status_group_id",
            "active",
            "created_at",
            "updated_at",
        )
        channel_cols = (
            "id",
            "client_id",
            "contact_person_id",
            "kind",
            "value",
            "digits",
            "digits_reversed",
            "region",
            "favourite",
            "undesirable",
        )
        people: list[tuple[Any, ...]] = []
        channels: list[tuple[Any, ...]] = []
        chars: list[tuple[int, int]] = []
        interests: list[tuple[int, int]] = []
        self.first_person: list[int] = [0]  # per client: first person id and count
        self.person_count: list[int] = [0]
        self.person_phone: list[int] = [0]  # per person: a channel id to call
        self.person_names: list[str] = [""]
        self.person_phones: list[list[str]] = [[]]  # per person: its phone numbers (digits)
        self.person_email: list[str | None] = [None]
        self.person_interest: list[str | None] = [None]
        self.client_head: list[int] = [0]  # per client: the head's person id
        self.client_accountant: list[int] = [0]  # the chief accountant's, 0 if none
        pid = 0
        chid = 0
        n_chars = len(self.d.characteristics)
        n_interests = len(self.d.interests)
        for cid in range(1, self.n + 1):
            region = self.client_region[cid]
            count = 1 + int(r() * 5)
            owner = self.client_owner[cid]
            self.first_person.append(pid + 1)
            self.person_count.append(count)
            self.client_head.append(pid + 1)
            self.client_accountant.append(pid + 2 if count > 1 and owner is None else 0)
            chid += 1
            digits = self.phone(region, mobile=False)
            channels.append(
                (chid, cid, None, "work_phone", digits, digits, digits[::-1], None, 0, 0)
            )
            for k in range(count):
                pid += 1
                if k == 0 and owner is not None:  # an ИП is headed by the entrepreneur
                    surname, first, patronymic = owner
                    position, department, profile = names.OWNER
                else:
                    surname, first, patronymic, _ = self.person_name()
                    if k == 0:
                        position, department, profile = names.HEAD
                    elif pid == self.client_accountant[cid]:
                        position, department, profile = names.CHIEF_ACCOUNTANT
                    else:
                        others = names.OTHER_POSITIONS
                        position, department, profile = others[int(r() * len(others))]
                started = self.day(-int(r() * 3000))
                people.append(
                    (
                        pid,
                        cid,
                        surname,
                        first,
                        patronymic,
                        position,
                        department,
                        started,
                        profile,
                        None,
                        self.d.contact_group_id,
                        1,
                        self.now,
                        self.now,
                    )
                )
                self.person_names.append(f"{surname} {first} {patronymic}")
                chid += 1
                digits = self.phone(region, mobile=False)
                channels.append(
                    (
                        chid,
                        cid,
                        pid,
                        "work_phone",
                        digits,
                        digits,
                        digits[::-1],
                        None,
                        int(r() < 0.5),
                        int(r() < 0.03),
                    )
                )
                self.person_phone.append(chid)
                phones = [digits]
                if r() < 0.5:
                    chid += 1
                    digits = self.phone(region, mobile=True)
                    channels.append(
                        (
                            chid,
                            cid,
                            pid,
                            "mobile",
                            digits,
                            digits,
                            digits[::-1],
                            None,
                            0,
                            int(r() < 0.1),
                        )
                    )
                    phones.append(digits)
                self.person_phones.append(phones)
                email = None
                if r() < 0.4:
                    chid += 1
                    email = f"user{pid}@example-{cid}.ru"
                    channels.append((chid, cid, pid, "work_email", email, None, None, None, 0, 0))
                self.person_email.append(email)
                if k == min(1, count - 1):  # the chief accountant, or whoever else there is
                    chars.append((pid, self.d.key_user_characteristic))
                elif r() < 0.6:
                    chars.append((pid, self.d.characteristics[int(r() * n_chars)]))
                interest = None
                if r() < 0.7:
                    k_interest = int(r() * n_interests)
                    interests.append((pid, self.d.interests[k_interest]))
                    interest = self.d.interest_names[k_interest]
                self.person_interest.append(interest)
            if len(people) >= CHUNK:
                self.flush("contact_person", person_cols, people)
                self.flush("contact_channel", channel_cols, channels)
            self.advance("Контактные лица", cid)
        self.flush("contact_person", person_cols, people)
        self.flush("contact_channel", channel_cols, channels)
        chars = sorted(set(chars))
        self.w.write("contact_characteristic", ("contact_person_id", "characteristic_id"), chars)
        self.w.write("contact_interest", ("contact_person_id", "interest_id"), interests)
