// Search ranking of the site (Sphinx's ``html_search_scorer``; inlined into
// language_data.js). Sphinx's default weights, plus one rule: a page whose own
// title contains the query ranks above pages that only use the words in a section
// heading or in the text. Many examples have a section on cross-validation; the
// page *about* cross-validation should come first when a reader searches for it.
// The search page is loaded with the query in its URL (search.html?q=...); read it
// once rather than for every result.
const searchedFor = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim();

var Scorer = {
  score: (result) => {
    const [, title, anchor, , score] = result;
    const isPageItself = !anchor || anchor === "#";
    if (searchedFor && isPageItself && title.toLowerCase().includes(searchedFor)) {
      return score + Scorer.pageTitleBonus;
    }
    return score;
  },
  pageTitleBonus: 20,

  // Sphinx's defaults, unchanged.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {
    0: 15,
    1: 5,
    2: -5,
  },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
