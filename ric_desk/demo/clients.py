"""Demo clients: names, INN/KPP, addresses, regions and the responsible operators."""

from __future__ import annotations

from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase
from ric_desk.models import PrizRuleKind
from ric_desk.validation import inn_check_digits


class ClientMaker(GeneratorBase):
    def make_clients(self) -> None:
        rng, r = self.rng, self.rng.random
        cols = (
            "id",
            "reg_number",
            "name",
            "name_search",
            "inn",
            "kpp",
            "legal_address",
            "actual_address",
            "region_code",
            "status_group_id",
            "responsible_id",
            "vip",
            "do_not_call",
            "service_ends_on",
            "created_at",
            "updated_at",
        )
        weights = [w for _, _, w in names.CITIES]
        cities = rng.choices(names.CITIES, weights=weights, k=self.n)
        self.client_region: list[str] = [""]
        self.client_name: list[str] = [""]
        self.client_inn: list[str] = [""]
        self.client_responsible: list[int] = [0]
        self.client_address: list[str] = [""]
        self.client_owner: list[tuple[str, str, str] | None] = [None]  # an ИП's own name
        rows: list[tuple[Any, ...]] = []
        self.service_ends: list[tuple[int, str]] = []  # (client, end day) within the rule's N
        service_rule = self.d.rules.get(PrizRuleKind.SERVICE_ENDS)
        reg = 42_000_000
        for cid in range(1, self.n + 1):
            region, city, _ = cities[cid - 1]
            reg += 1 + int(r() * 40)
            kind = r()
            owner = None
            inspection = 1 + (cid // 100_000) % 90 + int(r() * 5)
            if kind < 0.25:
                full, _short = names.PUBLIC_FORMS[int(r() * len(names.PUBLIC_FORMS))]
                subject = names.PUBLIC_SUBJECTS[int(r() * len(names.PUBLIC_SUBJECTS))]
                name = f'{full} "{subject.format(n=1 + int(r() * 40))}"'
                body = f"{region}{inspection:02d}{cid % 100_000:05d}"
            elif kind < 0.35:
                surname, first, patronymic, _ = self.person_name()
                name = f"ИП {surname} {first} {patronymic}"
                owner = (surname, first, patronymic)
                body = f"{region}{inspection:02d}{cid % 1_000_000:06d}"
            else:
                form = names.COMMERCIAL_FORMS[int(r() * len(names.COMMERCIAL_FORMS))]
                if r() < 0.5:
                    brand = names.BRANDS[int(r() * len(names.BRANDS))]
                else:
                    a = names.COMMERCIAL_WORDS_A[int(r() * len(names.COMMERCIAL_WORDS_A))]
                    b = names.COMMERCIAL_WORDS_B[int(r() * len(names.COMMERCIAL_WORDS_B))]
                    brand = f"{a} {b}"
                name = f'{form} "{brand}"'
                body = f"{region}{inspection:02d}{cid % 100_000:05d}"
            inn = body + inn_check_digits(body)
            kpp = None if len(inn) == 12 else f"{inn[:4]}01001"
            street = names.STREETS[int(r() * len(names.STREETS))]
            address = f"{city}, {street}, д. {1 + int(r() * 120)}"
            responsible = self.operators[int(r() * len(self.operators))]
            ends_in = int(r() * 400) - 30
            ends = self.day(ends_in)
            if service_rule and 0 <= ends_in <= service_rule.days:
                self.service_ends.append((cid, ends))
            self.client_region.append(region)
            self.client_name.append(name)
            self.client_inn.append(inn)
            self.client_responsible.append(responsible)
            self.client_address.append(address)
            self.client_owner.append(owner)
            rows.append(
                (
                    cid,
                    reg,
                    name,
                    name.lower(),
                    inn,
                    kpp,
                    address,
                    address,
                    region,
                    self.d.client_group_id,
                    responsible,
                    int(r() < 0.05),
                    int(r() < 0.01),
                    ends,
                    self.now,
                    self.now,
                )
            )
            if len(rows) >= CHUNK:
                self.flush("client", cols, rows)
            self.advance("Клиенты", cid)
        self.flush("client", cols, rows)
