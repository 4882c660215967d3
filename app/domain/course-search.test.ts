import { describe, expect, it } from "vitest";
import { readCourseSearch } from "./course-search";

describe("readCourseSearch", () => {
  it("defaults to active courses by title, first page of 20", () => {
    expect(readCourseSearch(new URLSearchParams())).toMatchObject({ q: "", status: "active", sort: "title", page: 1, pageSize: 20 });
  });

  it("orders by relevance when there is text, unless told otherwise", () => {
    expect(readCourseSearch(new URLSearchParams("q=evidence")).sort).toBe("relevance");
    expect(readCourseSearch(new URLSearchParams("q=evidence&sort=newest")).sort).toBe("newest");
    expect(readCourseSearch(new URLSearchParams("sort=relevance")).sort).toBe("title");
  });

  it("reads repeated and ;-separated facet values, once each", () => {
    const search = readCourseSearch(new URLSearchParams("topic=EVID&topic=INV.PROACTIVE;EVID&level=advanced"));
    expect(search.filters.topic).toEqual(["EVID", "INV.PROACTIVE"]);
    expect(search.filters.level).toEqual(["advanced"]);
    expect(search.filters.provider).toEqual([]);
  });

  it("falls back on nonsense instead of failing", () => {
    expect(readCourseSearch(new URLSearchParams("status=bogus&sort=x&page=-3"))).toMatchObject({ status: "active", sort: "title", page: 1 });
    expect(readCourseSearch(new URLSearchParams("page=abc")).page).toBe(1);
    expect(readCourseSearch(new URLSearchParams("status=all")).status).toBe("all");
  });
});
