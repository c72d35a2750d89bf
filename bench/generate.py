"""Make a synthetic directory of N organisations in the bundled schema, for scale benchmarks.

    python bench/generate.py 10000 big.toml

Every organisation is fictional ("Synthetic Organisation 17"); only the shape is real."""

from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path
from typing import Any

from hkprobono.loading.source import bundled_path

NEEDS = [
    "legal aid", "lawyer", "appeal", "food", "groceries", "rent", "housing", "shelter", "doctor", "clinic",
    "counselling", "trauma", "trafficking", "school", "classes", "women", "children", "resettlement", "sport",
]  # fmt: skip
PLACES = ["Sheung Wan", "Wan Chai", "Tsim Sha Tsui", "Kwun Tong", "Tuen Mun", "Sham Shui Po", "Aberdeen"]


def directory(n: int, seed: int = 2026) -> dict[str, Any]:
    bundled = tomllib.loads(bundled_path().read_text("utf-8"))
    rng = random.Random(seed)
    categories = [c["id"] for c in bundled["categories"]]
    orgs = []
    for i in range(n):
        needs = rng.sample(NEEDS, 4)
        place = rng.choice(PLACES)
        orgs.append(
            {
                "slug": f"synthetic-{i}",
                "name": f"Synthetic Organisation {i} {rng.choice(['Trust', 'Centre', 'Network', 'Aid'])}",
                "status": rng.choice(["active", "active", "unconfirmed"]),
                "categories": rng.sample(categories, 2),
                "summary": f"Helps with {needs[0]} and {needs[1]} in {place}.",
                "description": f"A fictional organisation offering {', '.join(needs)} near {place}. " * 3,
                "services": [f"{need.capitalize()} for claimants" for need in needs],
                "keywords": needs,
                "contact": {
                    "locations": [
                        {"id": "main", "name": place, "address": f"{rng.randint(1, 500)} Example Road, {place}"}
                    ],
                    "phones": [
                        # 2300-2999: valid Hong Kong numbers (validated on load); the same draws as before
                        {
                            "number": f"+852 {2300 + rng.randint(0, 1999) % 700} {rng.randint(1000, 9999)}",
                            "type": "voice",
                        }
                    ],
                    "website": f"https://synthetic-{i}.example",
                },
                "sources": [
                    {
                        "title": "Synthetic source",
                        "url": f"https://synthetic-{i}.example/about",
                        "date": "2026-01-01",
                        "fields": ["address", "phones", "website", "services"],
                    }
                ],
            }
        )
    # No steps, so no deadlines either (a deadline must name a step that exists); the guide's
    # steps, glossary and overview name real organisations, which are not here.
    usm = {**bundled["usm"], "steps": [], "glossary": [], "deadlines": [], "overview_see": []}
    return {**bundled, "organisations": orgs, "usm": usm}


def write(path: Path, n: int) -> Path:
    import tomli_w

    path.write_text(tomli_w.dumps(directory(n), indent=4), encoding="utf-8")
    return path


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    print(write(target, count))
