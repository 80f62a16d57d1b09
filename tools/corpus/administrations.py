"""Real Turkish administration names for the generated documents (il, büyükşehir, ilçe).

The registry reads an administration from a cover line such as `SİVAS BELEDİYESİ`: one word, then
its kind. The 30 metropolitan provinces (büyükşehir) publish as `… BÜYÜKŞEHİR BELEDİYESİ`; the other
51 provinces as `… BELEDİYESİ` (the provincial-centre municipality) and `… İL ÖZEL İDARESİ`; large
districts (ilçe) as `… BELEDİYESİ`.
"""

from __future__ import annotations

from dataclasses import dataclass

METROPOLITAN = [
    "ADANA",
    "ANKARA",
    "ANTALYA",
    "AYDIN",
    "BALIKESİR",
    "BURSA",
    "DENİZLİ",
    "DİYARBAKIR",
    "ERZURUM",
    "ESKİŞEHİR",
    "GAZİANTEP",
    "HATAY",
    "MERSİN",
    "İSTANBUL",
    "İZMİR",
    "KAHRAMANMARAŞ",
    "KONYA",
    "MALATYA",
    "MANİSA",
    "MARDİN",
    "ORDU",
    "SAKARYA",
    "SAMSUN",
    "ŞANLIURFA",
    "TEKİRDAĞ",
    "TRABZON",
    "VAN",
    "MUĞLA",
]
PROVINCES = [
    "ADIYAMAN",
    "AFYONKARAHİSAR",
    "AĞRI",
    "AMASYA",
    "ARTVİN",
    "BİLECİK",
    "BİNGÖL",
    "BİTLİS",
    "BOLU",
    "BURDUR",
    "ÇANAKKALE",
    "ÇANKIRI",
    "ÇORUM",
    "EDİRNE",
    "ELAZIĞ",
    "ERZİNCAN",
    "GİRESUN",
    "GÜMÜŞHANE",
    "HAKKARİ",
    "ISPARTA",
    "KARS",
    "KASTAMONU",
    "KIRKLARELİ",
    "KIRŞEHİR",
    "KÜTAHYA",
    "NEVŞEHİR",
    "NİĞDE",
    "RİZE",
    "SİİRT",
    "SİNOP",
    "SİVAS",
    "TOKAT",
    "TUNCELİ",
    "UŞAK",
    "YOZGAT",
    "ZONGULDAK",
    "AKSARAY",
    "BAYBURT",
    "KARAMAN",
    "KIRIKKALE",
    "BATMAN",
    "ŞIRNAK",
    "BARTIN",
    "ARDAHAN",
    "IĞDIR",
    "YALOVA",
    "KARABÜK",
    "KİLİS",
    "OSMANİYE",
    "DÜZCE",
]
DISTRICTS = [
    "ÇANKAYA",
    "KEÇİÖREN",
    "YENİMAHALLE",
    "ETİMESGUT",
    "SİNCAN",
    "KADIKÖY",
    "ÜSKÜDAR",
    "BEŞİKTAŞ",
    "ŞİŞLİ",
    "BAKIRKÖY",
    "MALTEPE",
    "KARTAL",
    "PENDİK",
    "ÜMRANİYE",
    "ATAŞEHİR",
    "BORNOVA",
    "KARŞIYAKA",
    "BUCA",
    "KONAK",
    "ÇİĞLİ",
    "NİLÜFER",
    "OSMANGAZİ",
    "YILDIRIM",
    "MURATPAŞA",
    "KEPEZ",
    "KONYAALTI",
    "SELÇUKLU",
    "MERAM",
    "KARATAY",
    "SEYHAN",
    "ÇUKUROVA",
    "YÜREĞİR",
    "MELİKGAZİ",
    "KOCASİNAN",
    "TALAS",
    "İZMİT",
    "GEBZE",
    "DARICA",
    "GÖLCÜK",
    "KÖRFEZ",
    "TEPEBAŞI",
    "ODUNPAZARI",
    "ŞAHİNBEY",
    "ŞEHİTKAMİL",
    "PAMUKKALE",
    "MERKEZEFENDİ",
    "ATAKUM",
    "İLKADIM",
    "CANİK",
    "YENİŞEHİR",
    "MEZİTLİ",
    "TOROSLAR",
    "AKDENİZ",
    "BODRUM",
    "FETHİYE",
    "MENTEŞE",
    "ALANYA",
    "MANAVGAT",
]

KIND_TEXT = {"bb": "BÜYÜKŞEHİR BELEDİYESİ", "bld": "BELEDİYESİ", "ioi": "İL ÖZEL İDARESİ"}


@dataclass(frozen=True)
class Administration:
    """One publishing administration: its name as on the cover and its kind (bb, bld, ioi)."""

    name: str
    kind: str

    @property
    def cover(self) -> str:
        return f"{self.name} {KIND_TEXT[self.kind]}"


def administrations() -> list[Administration]:
    """Every administration the generator may use, in a fixed order (the seed shuffles them)."""
    return [
        *(Administration(name, "bb") for name in METROPOLITAN),
        *(Administration(name, "bld") for name in PROVINCES),
        *(Administration(name, "ioi") for name in PROVINCES),
        *(Administration(name, "bld") for name in DISTRICTS),
    ]
