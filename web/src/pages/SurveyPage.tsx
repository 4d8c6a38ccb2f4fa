// The one-question satisfaction survey a requester opens from the completion email, without signing in.
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { answerSurvey, getSurvey } from '../api/client';
import type { PublicSurvey } from '../api/types';
import { FormError, TextArea, describeFailure, noFailure, type SubmitFailure } from '../components/forms';

export function SurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [survey, setSurvey] = useState<PublicSurvey | null | undefined>(undefined);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [thanked, setThanked] = useState(false);

  useEffect(() => {
    getSurvey(token).then(setSurvey, () => setSurvey(null));
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    if (rating === null) {
      setFailure({ ...noFailure, fields: { rating: [t('survey.ratingRequired')] } });
      return;
    }
    try {
      setSurvey(await answerSurvey(token, rating, comment.trim() || null));
      setThanked(true);
    } catch (error) {
      setFailure(describeFailure(error, ['rating', 'comment'], t('common.offline')));
    }
  }

  if (survey === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (survey === null) return <p className="page" role="alert">{t('survey.unknown')}</p>;
  return (
    <div className="page public">
      <h1>{t('survey.title')}</h1>
      {thanked && <p role="status">{t('survey.thanks')}</p>}
      {!thanked && survey.answered && <p role="status">{t('survey.alreadyAnswered')}</p>}
      {!survey.answered && (
        <form onSubmit={submit} noValidate className="card">
          <FormError message={failure.general} />
          <fieldset>
            <legend>{t('survey.question', { title: survey.title })}</legend>
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="checkbox">
                <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
                {' '}{t('survey.rating', { value })}
              </label>
            ))}
            {failure.fields.rating?.map((message) => <p key={message} className="field-error" role="alert">{message}</p>)}
          </fieldset>
          <TextArea label={t('survey.comment')} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} errors={failure.fields.comment} />
          <button type="submit" className="primary">{t('survey.send')}</button>
        </form>
      )}
    </div>
  );
}
