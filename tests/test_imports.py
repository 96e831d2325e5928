"""No import cycle among actionplan's modules, imports inside functions included.

A cycle hidden in a function body still ties the modules together: neither can be
understood, tested or moved without the other. grimp (import-linter's graph) reads every
import statement of the package; imports under `if TYPE_CHECKING:` are left out, since
they never run.
"""

from __future__ import annotations

import grimp

PACKAGE = "actionplan"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(edges.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def test_cycles_finds_a_loop_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_import_cycle_between_actionplan_modules() -> None:
    graph = grimp.build_graph(PACKAGE, cache_dir=None, exclude_type_checking_imports=True)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert len(edges) > 10, "grimp found the package's modules"
    found = cycles(edges)
    report = []
    for members in found:
        lines = [
            f"  {d['importer']}:{d['line_number']} {d['line_contents']}"
            for a in members
            for b in sorted(edges[a] & set(members))
            for d in graph.get_import_details(importer=a, imported=b)
        ]
        report.append(" <-> ".join(members) + "\n" + "\n".join(lines))
    assert found == [], "import cycles:\n" + "\n".join(report)


def test_no_module_of_the_package_is_over_600_lines() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / PACKAGE
    sizes = {
        str(p.relative_to(package)): len(p.read_text("utf-8").splitlines())
        for p in package.rglob("*.py")
    }
    assert sizes, "the package's modules are found"
    assert {name: n for name, n in sizes.items() if n > 600} == {}
