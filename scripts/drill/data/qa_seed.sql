-- Kaleo-like Q&A product schema with deterministic sample data, for the local rehearsal.
-- About 15 000 rows: users, tags, questions, answers, comments, votes, question_tags.
SELECT setseed(0.42);

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL UNIQUE,
    display_name  text NOT NULL,
    reputation    integer NOT NULL DEFAULT 1,
    is_admin      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tags (
    id           serial PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    description  text
);

CREATE TABLE questions (
    id                  bigserial PRIMARY KEY,
    user_id             bigint NOT NULL REFERENCES users(id),
    title               text NOT NULL,
    body                text NOT NULL,
    score               integer NOT NULL DEFAULT 0,
    view_count          integer NOT NULL DEFAULT 0,
    accepted_answer_id  bigint,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz
);

CREATE TABLE answers (
    id           bigserial PRIMARY KEY,
    question_id  bigint NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    user_id      bigint NOT NULL REFERENCES users(id),
    body         text NOT NULL,
    score        integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL
);

ALTER TABLE questions
    ADD CONSTRAINT questions_accepted_answer_fk FOREIGN KEY (accepted_answer_id) REFERENCES answers(id)
    DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE comments (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users(id),
    question_id  bigint REFERENCES questions(id) ON DELETE CASCADE,
    answer_id    bigint REFERENCES answers(id) ON DELETE CASCADE,
    body         text NOT NULL,
    created_at   timestamptz NOT NULL,
    CHECK ((question_id IS NULL) <> (answer_id IS NULL))
);

CREATE TABLE votes (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users(id),
    question_id  bigint REFERENCES questions(id) ON DELETE CASCADE,
    answer_id    bigint REFERENCES answers(id) ON DELETE CASCADE,
    value        smallint NOT NULL CHECK (value IN (-1, 1)),
    created_at   timestamptz NOT NULL,
    CHECK ((question_id IS NULL) <> (answer_id IS NULL))
);

CREATE TABLE question_tags (
    question_id  bigint NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    tag_id       integer NOT NULL REFERENCES tags(id),
    PRIMARY KEY (question_id, tag_id)
);

CREATE INDEX questions_created_at_idx ON questions (created_at DESC);
CREATE INDEX questions_user_idx ON questions (user_id);
CREATE INDEX questions_search_idx ON questions USING gin (to_tsvector('english', title || ' ' || body));
CREATE INDEX answers_question_idx ON answers (question_id);
CREATE INDEX comments_question_idx ON comments (question_id);
CREATE INDEX comments_answer_idx ON comments (answer_id);
CREATE UNIQUE INDEX votes_one_per_user_question ON votes (user_id, question_id) WHERE question_id IS NOT NULL;
CREATE UNIQUE INDEX votes_one_per_user_answer ON votes (user_id, answer_id) WHERE answer_id IS NOT NULL;
CREATE INDEX question_tags_tag_idx ON question_tags (tag_id);

CREATE VIEW question_stats AS
SELECT q.id, q.title, q.score, q.view_count,
       count(DISTINCT a.id) AS answers,
       count(DISTINCT c.id) AS comments
FROM questions q
LEFT JOIN answers a ON a.question_id = q.id
LEFT JOIN comments c ON c.question_id = q.id
GROUP BY q.id;

-- data -----------------------------------------------------------------------------------------
INSERT INTO users (email, display_name, reputation, is_admin, created_at)
SELECT format('user%s@customer%s.example.com', g, g % 37),
       (ARRAY['Ada','Grace','Linus','Margaret','Ken','Barbara','Alan','Frances','Dennis','Radia'])[1 + g % 10]
           || ' ' || (ARRAY['Lovelace','Hopper','Torvalds','Hamilton','Thompson','Liskov','Turing','Allen','Ritchie','Perlman'])[1 + (g / 10) % 10]
           || ' ' || g,
       (random() * 5000)::int,
       g <= 5,
       now() - (random() * interval '900 days')
FROM generate_series(1, 600) AS g;

INSERT INTO tags (name, description)
SELECT t, 'Questions about ' || t
FROM unnest(ARRAY['postgresql','python','aws','gcp','ansible','pulumi','dns','cloudflare','redis',
    'elasticsearch','nginx','linux','docker','kubernetes','terraform','backup','restore','networking',
    'security','ssl','monitoring','billing','sso','api','webhooks','search','email','mobile','reports',
    'permissions','import','export','performance','caching','migrations','onboarding','integrations',
    'accessibility','localization','analytics']) AS t;

INSERT INTO questions (user_id, title, body, score, view_count, created_at, updated_at)
SELECT 1 + (random() * 599)::int,
       format('How do I %s with %s (case %s)?',
              (ARRAY['configure','debug','speed up','secure','back up','migrate','monitor','scale'])[1 + g % 8],
              (ARRAY['PostgreSQL','Redis','the API','SSO','webhooks','search','reports','exports'])[1 + (g / 8) % 8], g),
       repeat('We see this in production after the last release. ', 1 + g % 6) || 'Any ideas? #' || g,
       (random() * 40)::int - 5,
       (random() * 20000)::int,
       now() - (random() * interval '700 days'),
       CASE WHEN g % 3 = 0 THEN now() - (random() * interval '30 days') END
FROM generate_series(1, 1500) AS g;

INSERT INTO answers (question_id, user_id, body, score, created_at)
SELECT 1 + (random() * 1499)::int,
       1 + (random() * 599)::int,
       'Try checking the configuration first. ' || repeat('Then restart the service. ', 1 + g % 4) || '#' || g,
       (random() * 30)::int - 3,
       now() - (random() * interval '600 days')
FROM generate_series(1, 3200) AS g;

UPDATE questions q SET accepted_answer_id = a.id
FROM (SELECT DISTINCT ON (question_id) id, question_id FROM answers ORDER BY question_id, score DESC, id) a
WHERE a.question_id = q.id AND q.id % 2 = 0;

INSERT INTO comments (user_id, question_id, answer_id, body, created_at)
SELECT 1 + (random() * 599)::int,
       CASE WHEN g % 2 = 0 THEN 1 + (random() * 1499)::int END,
       CASE WHEN g % 2 = 1 THEN 1 + (random() * 3199)::int END,
       'Thanks, that helped. (' || g || ')',
       now() - (random() * interval '500 days')
FROM generate_series(1, 2400) AS g;

INSERT INTO votes (user_id, question_id, answer_id, value, created_at)
SELECT DISTINCT ON (u, q, a) u, q, a, v, ts
FROM (
    SELECT 1 + (random() * 599)::int AS u,
           CASE WHEN g % 2 = 0 THEN 1 + (random() * 1499)::int END AS q,
           CASE WHEN g % 2 = 1 THEN 1 + (random() * 3199)::int END AS a,
           CASE WHEN random() < 0.85 THEN 1 ELSE -1 END::smallint AS v,
           now() - (random() * interval '500 days') AS ts
    FROM generate_series(1, 4500) AS g
) s;

INSERT INTO question_tags (question_id, tag_id)
SELECT DISTINCT q, t
FROM (
    SELECT 1 + (g % 1500) AS q, 1 + (random() * 39)::int AS t FROM generate_series(0, 3599) AS g
) s;

ANALYZE;
