package dev.switchboard.platform.paging;

import dev.switchboard.model.api.PageResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The page a collection request asks for, the same on every collection (DESIGN §6): {@code limit} from 1 to 100,
 * 50 unless asked, and {@code offset} from 0. A {@code @BeanParam} of its own, or the base of a collection's filters.
 */
public class PageParams {

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(PageResult.MAX_LIMIT)
    public int limit;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(0)
    public int offset;
}
