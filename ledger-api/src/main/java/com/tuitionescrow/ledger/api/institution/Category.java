package com.tuitionescrow.ledger.api.institution;

/** 学科类 academic, or the non-academic kinds and their supervising bureau. */
public enum Category {
    /** 学科类 */
    ACADEMIC,
    /** 体育, supervised by 教体局 */
    SPORTS,
    /** 文化艺术, supervised by 文广旅局 */
    ARTS,
    /** 科技, supervised by 科技局 */
    SCIENCE_TECH
}
