"""Operations: health endpoints, security headers, the database-down page, logs, scheduler."""
